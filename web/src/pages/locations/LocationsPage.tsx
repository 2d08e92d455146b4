// /locations — the registered locations the catalog reads, with what each produced and its errors.
import { useState } from 'react';
import { Button, Group, Loader, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { getAllCatalogErrors, getLocations } from '../../api/catalog';
import { useAuth } from '../../auth/AuthProvider';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { errorCountsByLocation } from '../../lib/locations';
import { DeleteLocationModal, type PendingDelete } from './DeleteLocationModal';
import { LocationRow } from './LocationRow';

const head = (label: string, align?: 'right') => (
  <Text span size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3} ta={align} display="block">{label}</Text>
);

export function LocationsPage() {
  const auth = useAuth();
  const [pending, setPending] = useState<PendingDelete | null>(null);
  const locations = useQuery({ queryKey: ['locations'], queryFn: ({ signal }) => getLocations(signal) });
  // Errors are Paved-only; on another backend the column shows a dash.
  const errors = useQuery({ queryKey: ['catalog-errors-all'], queryFn: ({ signal }) => getAllCatalogErrors(signal), retry: false });
  const list = locations.data ?? [];
  const counts = errors.data ? errorCountsByLocation(list, errors.data.items) : undefined;
  const canRefresh = auth.can('catalog.entity.refresh');
  const canDelete = auth.can('catalog.location.delete');

  return (
    <>
      <PageHeader
        title="Locations"
        description="Where the catalog reads its entities from. Every refresh reads each location again."
        actions={auth.can('catalog.location.create') ? (
          <Button component={Link} to="/catalog-import" variant="light" size="sm">Register a location</Button>
        ) : null}
      />
      {locations.error ? <ErrorState error={locations.error} title="Could not load locations" /> : null}
      <Paper withBorder>
        {locations.isLoading ? (
          <Group justify="center" p="xl"><Loader size="sm" /></Group>
        ) : list.length === 0 && !locations.error ? (
          <Text p="xl" ta="center" c="dimmed" size="sm">No locations are registered yet.</Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table className="paved-table" verticalSpacing={8} horizontalSpacing="sm" aria-label="locations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>{head('Type')}</Table.Th>
                  <Table.Th>{head('Target')}</Table.Th>
                  <Table.Th w={100}>{head('Entities', 'right')}</Table.Th>
                  <Table.Th w={90}>{head('Errors', 'right')}</Table.Th>
                  <Table.Th w={canRefresh || canDelete ? 220 : 0} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((l) => (
                  <LocationRow key={l.id} location={l} errors={counts?.get(l.id)} canRefresh={canRefresh} canDelete={canDelete}
                    onDelete={(location, entities) => setPending({ location, entities })} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {errors.data && counts ? (
        <Text size="xs" c="dimmed" mt="xs">
          {errors.data.totalItems.toLocaleString('en-US')} processing error{errors.data.totalItems === 1 ? '' : 's'} in the catalog; each is
          counted against the location whose folder holds the file it was found in.
        </Text>
      ) : null}
      <DeleteLocationModal pending={pending} onClose={() => setPending(null)} />
    </>
  );
}
