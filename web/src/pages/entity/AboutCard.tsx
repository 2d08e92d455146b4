// The About card: what an entity is, who owns it, where it belongs, links and annotations.
import type { ReactNode } from 'react';
import { Anchor, Badge, Card, Collapse, Group, SimpleGrid, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Entity } from '../../api/types';
import { EntityRefLink } from '../../components/EntityRefLink';
import { specString } from '../../lib/entityRef';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <div>{children ?? <Text size="sm" c="dimmed">—</Text>}</div>
    </Stack>
  );
}

function RefField({ entity, field, label, defaultKind }: { entity: Entity; field: string; label: string; defaultKind: string }) {
  const value = specString(entity, field);
  if (!value) return null;
  return (
    <Field label={label}>
      <EntityRefLink entityRef={value} defaultKind={defaultKind} defaultNamespace={entity.metadata.namespace ?? 'default'} />
    </Field>
  );
}

function profileOf(entity: Entity): { displayName?: string; email?: string } {
  const p = entity.spec?.profile;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return {};
  return {
    displayName: typeof p.displayName === 'string' ? p.displayName : undefined,
    email: typeof p.email === 'string' ? p.email : undefined,
  };
}

function Annotations({ annotations }: { annotations: Record<string, string> }) {
  const [open, { toggle }] = useDisclosure(false);
  const entries = Object.entries(annotations).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return null;
  return (
    <Stack gap={4}>
      <UnstyledButton onClick={toggle} aria-expanded={open}>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
          {open ? '▾' : '▸'} Annotations ({entries.length})
        </Text>
      </UnstyledButton>
      <Collapse expanded={open}>
        <Table fz="xs" verticalSpacing={2} withRowBorders={false}>
          <Table.Tbody>
            {entries.map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Td ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{k}</Table.Td>
                <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Collapse>
    </Stack>
  );
}

export function AboutCard({ entity }: { entity: Entity }) {
  const kind = entity.kind.toLowerCase();
  const profile = profileOf(entity);
  const links = entity.metadata.links ?? [];
  return (
    <Card withBorder padding="md" data-testid="about-card">
      <Text fw={600} mb="sm">
        About
      </Text>
      <Stack gap="md">
        <Text size="sm" c={entity.metadata.description ? undefined : 'dimmed'}>
          {entity.metadata.description ?? 'No description.'}
        </Text>
        <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
          <RefField entity={entity} field="owner" label="Owner" defaultKind="group" />
          <RefField entity={entity} field="system" label="System" defaultKind="system" />
          <RefField entity={entity} field="domain" label="Domain" defaultKind="domain" />
          <RefField entity={entity} field="subcomponentOf" label="Parent component" defaultKind="component" />
          <RefField entity={entity} field="subdomainOf" label="Parent domain" defaultKind="domain" />
          <RefField entity={entity} field="parent" label="Parent group" defaultKind="group" />
          {specString(entity, 'type') ? <Field label="Type"><Text size="sm">{specString(entity, 'type')}</Text></Field> : null}
          {specString(entity, 'lifecycle') ? (
            <Field label="Lifecycle"><Text size="sm">{specString(entity, 'lifecycle')}</Text></Field>
          ) : null}
          {profile.displayName && (kind === 'user' || kind === 'group') ? (
            <Field label="Display name"><Text size="sm">{profile.displayName}</Text></Field>
          ) : null}
          {profile.email ? (
            <Field label="Email">
              <Anchor href={`mailto:${profile.email}`} size="sm">{profile.email}</Anchor>
            </Field>
          ) : null}
          <Field label="Namespace"><Text size="sm">{entity.metadata.namespace ?? 'default'}</Text></Field>
        </SimpleGrid>
        {links.length ? (
          <Field label="Links">
            <Stack gap={2}>
              {links.map((l) => (
                <Anchor key={l.url} href={l.url} target="_blank" rel="noreferrer" size="sm">
                  {l.title || l.url}
                </Anchor>
              ))}
            </Stack>
          </Field>
        ) : null}
        {entity.metadata.tags?.length ? (
          <Field label="Tags">
            <Group gap={4}>
              {entity.metadata.tags.map((t) => (
                <Badge key={t} size="sm" variant="light" color="gray" tt="none">{t}</Badge>
              ))}
            </Group>
          </Field>
        ) : null}
        <Annotations annotations={entity.metadata.annotations ?? {}} />
      </Stack>
    </Card>
  );
}
