// Deleting a location removes every entity it produced; say how many before the user confirms.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteLocation } from '../../api/catalog';
import type { LocationSpec } from '../../api/types';

export type PendingDelete = { location: LocationSpec; entities: number | undefined };

export function DeleteLocationModal({ pending, onClose }: { pending: PendingDelete | null; onClose(): void }) {
  const client = useQueryClient();
  const del = useMutation({
    mutationFn: (id: string) => deleteLocation(id),
    onSuccess: () => {
      for (const key of ['locations', 'location-count', 'location-entity', 'catalog-errors-all', 'entities', 'facets']) {
        void client.invalidateQueries({ queryKey: [key] });
      }
      close();
    },
  });
  const close = () => {
    del.reset();
    onClose();
  };
  const n = pending?.entities;
  return (
    <Modal opened={pending !== null} onClose={close} title="Delete location" centered>
      {pending ? (
        <Stack gap="sm">
          <Text size="sm">
            Stop reading <Text span ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>{pending.location.target}</Text> and
            remove {n === undefined ? 'the entities' : <b>{n.toLocaleString('en-US')} entit{n === 1 ? 'y' : 'ies'}</b>} it added to the catalog.
          </Text>
          <Text size="sm" c="dimmed">The source files are not touched; register the location again to bring the entities back.</Text>
          {del.error ? <Alert color="red" variant="light" title="Could not delete">{del.error.message}</Alert> : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>Cancel</Button>
            <Button color="red" loading={del.isPending} onClick={() => del.mutate(pending.location.id)}>Delete location</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
