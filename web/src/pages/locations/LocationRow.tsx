// One registered location: where it reads from, what it produced, and what the actor may do to it.
import { Anchor, Badge, Button, Group, Loader, Table, Text, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { refreshEntity } from '../../api/catalog';
import type { LocationSpec } from '../../api/types';
import { useLocationEntityCount, useLocationRefreshRef } from './locationQueries';

type Props = {
  location: LocationSpec;
  errors: number | undefined;
  canRefresh: boolean;
  canDelete: boolean;
  onDelete(location: LocationSpec, entities: number | undefined): void;
};

const mono = { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, wordBreak: 'break-all' } as const;

export function LocationRow({ location, errors, canRefresh, canDelete, onDelete }: Props) {
  const count = useLocationEntityCount(location);
  const refreshRef = useLocationRefreshRef(location, canRefresh);
  const client = useQueryClient();
  const refresh = useMutation({
    mutationFn: (ref: string) => refreshEntity(ref),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['location-count'] });
      void client.invalidateQueries({ queryKey: ['catalog-errors-all'] });
      void client.invalidateQueries({ queryKey: ['entities'] });
    },
  });
  const ref = refreshRef.data;

  return (
    <Table.Tr data-location={location.id}>
      <Table.Td>
        <Badge variant="light" color="gray" tt="none" size="sm">{location.type}</Badge>
      </Table.Td>
      <Table.Td>
        <Text style={mono} data-testid="location-target">{location.target}</Text>
        <Text size="xs" c="dimmed" ff="monospace">{location.id}</Text>
      </Table.Td>
      <Table.Td ta="right" data-testid="location-entities">
        {count.isLoading ? <Loader size={12} /> : count.error ? <Text size="sm" c="red" title={count.error.message}>—</Text> : (
          <Text size="sm" fw={500}>{(count.data ?? 0).toLocaleString('en-US')}</Text>
        )}
      </Table.Td>
      <Table.Td ta="right" data-testid="location-errors">
        {errors === undefined ? <Text size="sm" c="dimmed">—</Text> : errors > 0 ? (
          <Anchor component={Link} to="/catalog-health" size="sm">
            <Badge color="red" variant="light" style={{ cursor: 'pointer' }}>{errors.toLocaleString('en-US')}</Badge>
          </Anchor>
        ) : <Text size="sm" c="dimmed">0</Text>}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          {refresh.isSuccess && !refresh.isPending ? <Text size="xs" c="teal" data-testid="refresh-done">Refreshed</Text> : null}
          {refresh.error ? <Text size="xs" c="red" title={refresh.error.message} maw={220} truncate>{refresh.error.message}</Text> : null}
          {canRefresh ? (
            <Tooltip label="No entity from this location to refresh through" disabled={Boolean(ref) || refreshRef.isLoading}>
              <Button size="xs" variant="default" loading={refresh.isPending} disabled={!ref}
                onClick={() => ref && refresh.mutate(ref)} aria-label={`Refresh ${location.target}`}>
                Refresh
              </Button>
            </Tooltip>
          ) : null}
          {canDelete ? (
            <Button size="xs" variant="subtle" color="red" onClick={() => onDelete(location, count.data)} aria-label={`Delete ${location.target}`}>
              Delete
            </Button>
          ) : null}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
