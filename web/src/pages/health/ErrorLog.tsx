// The ingestion error log from /api/catalog/errors, offset-paginated, page number in the URL.
import { Badge, Card, Group, Loader, Table, Text, Tooltip } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { getCatalogErrors } from '../../api/catalog';
import type { CatalogErrorKind } from '../../api/types';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { Pager } from '../../components/Pager';
import { ago } from '../../lib/time';

const PAGE = 50;
const KIND_COLORS: Record<CatalogErrorKind, string> = {
  parse: 'red', validation: 'orange', placeholder: 'grape', conflict: 'yellow', read: 'gray', template: 'cyan',
};

export function ErrorLog({ hideWhenUnavailable }: { hideWhenUnavailable: boolean }) {
  const { page = 1 } = useSearch({ from: '/catalog-health' });
  const navigate = useNavigate({ from: '/catalog-health' });
  const q = useQuery({
    queryKey: ['catalog-errors', page],
    queryFn: ({ signal }) => getCatalogErrors(PAGE, (page - 1) * PAGE, signal),
    placeholderData: keepPreviousData,
  });
  if (q.error && hideWhenUnavailable) return null;
  const data = q.data;
  return (
    <Card withBorder padding="md" data-testid="error-log">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>Catalog errors</Text>
        {q.isFetching ? <Loader size={14} /> : data ? <Text size="sm" c="dimmed">{data.totalItems}</Text> : null}
      </Group>
      {q.error ? (
        <ErrorState error={q.error} title="Could not load the error log" unavailableHint="This server does not keep an ingestion error log." />
      ) : !data ? null : data.items.length === 0 ? (
        <Text size="sm" c="dimmed">No catalog errors. Every location was read, every descriptor was valid and every template can run.</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={800}>
            <Table className="paved-table" fz="sm" verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>Kind</Table.Th>
                  <Table.Th>Message</Table.Th>
                  <Table.Th>Where</Table.Th>
                  <Table.Th>Entity</Table.Th>
                  <Table.Th w={90}>When</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td><Badge size="sm" variant="light" color={KIND_COLORS[e.kind] ?? 'gray'}>{e.kind}</Badge></Table.Td>
                    <Table.Td><Text size="sm" style={{ wordBreak: 'break-word' }}>{e.message}</Text></Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }} data-testid="error-where">
                        {e.locationKey}{e.line ? `:${e.line}` : ''}
                      </Text>
                      {e.path ? <Text size="xs" c="dimmed" ff="monospace">at {e.path}</Text> : null}
                    </Table.Td>
                    <Table.Td>{e.entityRef ? <EntityRefLink entityRef={e.entityRef} showKind /> : <Text size="xs" c="dimmed">—</Text>}</Table.Td>
                    <Table.Td>
                      <Tooltip label={new Date(e.occurredAt).toLocaleString()}>
                        <Text size="xs" c="dimmed">{ago(e.occurredAt)}</Text>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager page={page} pageSize={PAGE} shown={data.items.length} total={data.totalItems} noun="errors"
            hasPrev={page > 1} hasNext={page * PAGE < data.totalItems}
            onPrev={() => void navigate({ search: page > 2 ? { page: page - 1 } : {} })}
            onNext={() => void navigate({ search: { page: page + 1 } })} />
        </>
      )}
    </Card>
  );
}
