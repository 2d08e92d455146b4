// Entities owned by a group or user: a server-side query on the ownedBy relation, paginated.
import { useState } from 'react';
import { Card, Group, Loader, Text } from '@mantine/core';
import { useEntityQuery } from '../../api/hooks';
import { EntityTable, TABLE_FIELDS } from '../../components/EntityTable';
import { ErrorState } from '../../components/ErrorState';
import { Pager } from '../../components/Pager';

const PAGE = 20;

export function OwnedEntitiesCard({ ownerRef, title = 'Owned entities' }: { ownerRef: string; title?: string }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const q = useEntityQuery({
    filter: [`relations.ownedby=${ownerRef}`],
    orderField: 'metadata.name,asc',
    limit: PAGE,
    cursor,
    fields: TABLE_FIELDS,
  });
  const data = q.data;
  return (
    <Card withBorder padding="md" data-testid="owned-entities">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{title}</Text>
        <Group gap="xs">
          {q.isFetching ? <Loader size={14} /> : null}
          {data ? (
            <Text size="sm" c="dimmed" data-testid="owned-count">
              {data.totalItems} total
            </Text>
          ) : null}
        </Group>
      </Group>
      {q.error ? (
        <ErrorState error={q.error} />
      ) : !data ? (
        <Loader size="sm" />
      ) : data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Owns nothing in the catalog yet.
        </Text>
      ) : (
        <>
          <EntityTable entities={data.items} columns={['name', 'kind', 'type', 'lifecycle', 'description']} label={title} />
          {data.totalItems > PAGE ? (
            <Pager
              page={cursors.length + 1}
              pageSize={PAGE}
              shown={data.items.length}
              total={data.totalItems}
              hasPrev={cursors.length > 0}
              hasNext={Boolean(data.pageInfo.nextCursor)}
              onPrev={() => setCursors((c) => c.slice(0, -1))}
              onNext={() => {
                const next = data.pageInfo.nextCursor;
                if (next) setCursors((c) => [...c, next]);
              }}
            />
          ) : null}
        </>
      )}
    </Card>
  );
}
