// The GoldenPath kind on its entity page: version, tier, template, CI and standards, with a link to
// the golden path page (adoption and conformance).
import { Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { Entity } from '../../api/types';
import { EntityRefLink } from '../../components/EntityRefLink';
import { TierBadge, VersionBadge } from './GoldenPathBits';

type Standard = { id?: unknown; title?: unknown; fix?: unknown; check?: { type?: unknown } };
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function GoldenPathSpecCard({ entity }: { entity: Entity }) {
  const spec = entity.spec ?? {};
  const ci = (spec.ci ?? {}) as { providers?: unknown; pattern?: unknown };
  const standards = (Array.isArray(spec.standards) ? spec.standards : []) as Standard[];
  const namespace = entity.metadata.namespace ?? 'default';
  return (
    <Card withBorder padding="md" data-testid="golden-path-spec">
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <Title order={4}>Golden path</Title>
          <VersionBadge version={str(spec.version)} />
          <TierBadge tier={str(spec.supportTier)} />
        </Group>
        <Link to="/golden-paths/$namespace/$name" params={{ namespace, name: entity.metadata.name }} className="paved-link">
          Adoption and conformance →
        </Link>
      </Group>
      <Stack gap="xs">
        <Group gap="xs"><Text size="sm" c="dimmed">Template</Text><EntityRefLink entityRef={str(spec.template)} defaultKind="template" defaultNamespace={namespace} showKind /></Group>
        <Group gap="xs"><Text size="sm" c="dimmed">CI</Text><Text size="sm">{str(ci.pattern)}{Array.isArray(ci.providers) ? ` · ${ci.providers.join(', ')}` : ''}</Text></Group>
        <Text size="sm" c="dimmed">Standards</Text>
        <List size="sm" spacing={4}>
          {standards.map((s) => (
            <List.Item key={str(s.id)}>
              <Text span size="sm" fw={500}>{str(s.title)}</Text> <Text span size="xs" c="dimmed" ff="monospace">{str(s.check?.type)}</Text>
              {str(s.fix) ? <Text size="xs" c="dimmed">{str(s.fix)}</Text> : null}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}
