// The escape hatch: the descriptor exactly as written in its source file, and the entity as the
// catalog serves it after processing.
import { Stack, Text, Group, Loader, Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { stringify } from 'yaml';
import { getEntitySource } from '../../api/catalog';
import type { Entity } from '../../api/types';
import { CodeBlock } from '../../components/CodeBlock';
import { ErrorState } from '../../components/ErrorState';
import { refOfEntity } from '../../lib/entityRef';

export function RawYamlTab({ entity }: { entity: Entity }) {
  const ref = refOfEntity(entity);
  const source = useQuery({
    queryKey: ['source', ref.kind.toLowerCase(), ref.namespace.toLowerCase(), ref.name.toLowerCase()],
    queryFn: ({ signal }) => getEntitySource(ref.kind, ref.namespace, ref.name, signal),
  });
  const where = source.data ? `${source.data.locationKey}${source.data.line ? `:${source.data.line}` : ''}` : '';

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={600}>Descriptor as written</Text>
          {source.isLoading ? <Loader size={14} /> : null}
        </Group>
        {source.data ? (
          <>
            <Text size="sm" c="dimmed" data-testid="source-location">
              source: <Text span ff="monospace" size="sm">{where}</Text>
            </Text>
            <CodeBlock code={source.data.yaml} label="Source descriptor" />
          </>
        ) : source.error ? (
          <ErrorState error={source.error} title="Could not load the source"
            unavailableHint="This server does not expose the source descriptor (a Paved-only route). The processed entity is shown below." />
        ) : null}
      </Stack>
      <Stack gap={6}>
        <Group gap="xs">
          <Text fw={600}>Processed entity</Text>
          <Badge size="xs" variant="light" color="gray">with relations and status</Badge>
        </Group>
        <CodeBlock code={stringify(entity, { lineWidth: 0 })} label="Processed entity" />
      </Stack>
    </Stack>
  );
}
