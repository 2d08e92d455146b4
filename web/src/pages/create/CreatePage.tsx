// /create — the template gallery: every Template in the catalog as a card (title, description, tags,
// owner, golden-path badge), filtered by text and tag, with "Choose" to open its wizard.
import { useMemo, useState } from 'react';
import { Badge, Button, Card, Chip, Group, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { listTemplates } from '../../api/scaffolder';
import type { Entity } from '../../api/types';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { entityTitle, specString } from '../../lib/entityRef';

export const GOLDEN_PATH_ANNOTATION = 'paved.dev/golden-path';

function matches(e: Entity, text: string, tag: string | null): boolean {
  if (tag && !(e.metadata.tags ?? []).includes(tag)) return false;
  const q = text.trim().toLowerCase();
  if (!q) return true;
  return [e.metadata.name, e.metadata.title, e.metadata.description, ...(e.metadata.tags ?? [])]
    .some((s) => typeof s === 'string' && s.toLowerCase().includes(q));
}

function TemplateCard({ template }: { template: Entity }) {
  const ns = template.metadata.namespace ?? 'default';
  const golden = template.metadata.annotations?.[GOLDEN_PATH_ANNOTATION];
  const owner = specString(template, 'owner');
  const type = specString(template, 'type');
  return (
    <Card withBorder padding="md" data-testid="template-card" data-name={template.metadata.name} component="article"
      aria-label={entityTitle(template)}>
      <Stack gap="xs" h="100%">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600}>{entityTitle(template)}</Text>
          <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
            {type ? <Badge variant="outline" color="gray" size="sm">{type}</Badge> : null}
            {golden ? (
              <Tooltip label="Follows a golden path: the supported way to build this" withArrow>
                <Badge renderRoot={(props) => <Link to="/golden-paths/$namespace/$name" params={{ namespace: ns, name: golden }} {...props} />} color="yellow"
                  variant="light" size="sm" style={{ cursor: 'pointer' }} data-testid="golden-path-badge">
                  Golden path
                </Badge>
              </Tooltip>
            ) : null}
          </Group>
        </Group>
        <Text size="sm" c="dimmed" style={{ flexGrow: 1 }}>{template.metadata.description ?? ''}</Text>
        {template.metadata.tags?.length ? (
          <Group gap={4}>{template.metadata.tags.map((t) => <Badge key={t} size="xs" variant="light">{t}</Badge>)}</Group>
        ) : null}
        <Group justify="space-between" mt={4}>
          <Group gap={6}>
            <Text size="xs" c="dimmed">Owner</Text>
            {owner ? <EntityRefLink entityRef={owner} defaultKind="group" /> : <Text size="xs">—</Text>}
          </Group>
          <Button renderRoot={(props) => <Link to="/create/templates/$namespace/$name" params={{ namespace: ns, name: template.metadata.name }} {...props} />} size="xs"
            aria-label={`Choose ${entityTitle(template)}`}>
            Choose
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function CreatePage() {
  const q = useQuery({ queryKey: ['templates'], queryFn: ({ signal }) => listTemplates(signal) });
  const [text, setText] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const templates = useMemo(() => q.data ?? [], [q.data]);
  const tags = useMemo(() => [...new Set(templates.flatMap((t) => t.metadata.tags ?? []))].sort(), [templates]);
  const shown = templates.filter((t) => matches(t, text, tag));
  return (
    <>
      <PageHeader
        title="Create"
        description="Start something new from a template: a repository with the golden path's defaults, registered in the catalog."
        actions={<Button component={Link} to="/create/tasks" variant="default" size="sm">Tasks</Button>}
      />
      <Stack gap="md">
        <Group gap="md" align="flex-end">
          <TextInput label="Filter" placeholder="Name, description or tag" value={text} onChange={(e) => setText(e.currentTarget.value)} w={320}
            aria-label="Filter templates" />
          {tags.length ? (
            <Group gap={6} aria-label="Filter by tag" role="group">
              {tags.map((t) => (
                <Chip key={t} size="xs" checked={tag === t} onChange={() => setTag(tag === t ? null : t)} data-testid="tag-filter">{t}</Chip>
              ))}
            </Group>
          ) : null}
        </Group>
        {q.error ? <ErrorState error={q.error} title="Could not load templates" /> : null}
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
          {shown.map((t) => <TemplateCard key={`${t.metadata.namespace ?? 'default'}/${t.metadata.name}`} template={t} />)}
        </SimpleGrid>
        {q.data && shown.length === 0 ? (
          <Text c="dimmed">{templates.length === 0 ? 'No templates in the catalog yet: register a template.yaml.' : 'No template matches the filter.'}</Text>
        ) : null}
      </Stack>
    </>
  );
}
