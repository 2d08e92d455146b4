// The entities a scorecard scores, lowest score first, paged, filtered by level and owner.
import { Card, Group, Loader, Select, Table, Text, Title } from '@mantine/core';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { Pager } from '../../components/Pager';
import { ago } from '../../lib/time';
import { LevelBadge, levelOrder } from './levelBits';
import { useScorecardEntities, type ScorecardDetail } from './scorecardQueries';

export const ENTITIES_PAGE = 25;
export type EntitiesView = { level: string | null; owner: string | null; page: number };

type Props = { detail: ScorecardDetail; view: EntitiesView; onChange(view: EntitiesView): void };

export function ScorecardEntitiesCard({ detail, view, onChange }: Props) {
  const q = useScorecardEntities(detail.namespace, detail.name, {
    level: view.level ?? undefined, owner: view.owner ?? undefined, limit: ENTITIES_PAGE, offset: (view.page - 1) * ENTITIES_PAGE,
  });
  const data = q.data;
  return (
    <Card withBorder padding="md" data-testid="scorecard-entities">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Entities</Title>
        <Group gap="xs">
          {q.isFetching ? <Loader size={14} /> : null}
          <Select size="xs" w={150} placeholder="Any level" clearable aria-label="Filter by level" data-testid="level-filter"
            data={levelOrder(detail.levels).map((l) => ({ value: l, label: l === 'none' ? 'no level' : l }))}
            value={view.level} onChange={(level) => onChange({ ...view, level, page: 1 })} />
          <Select size="xs" w={240} placeholder="Any owner" clearable searchable aria-label="Filter by owner" data-testid="owner-filter"
            data={detail.byOwner.map((o) => ({ value: o.owner, label: o.owner || '(no owner)' }))}
            value={view.owner} onChange={(owner) => onChange({ ...view, owner, page: 1 })} />
        </Group>
      </Group>
      {q.error ? <ErrorState error={q.error} /> : !data ? <Loader size="sm" /> : data.items.length === 0 ? (
        <Text size="sm" c="dimmed">No entities match.</Text>
      ) : (
        <>
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr><Table.Th>Entity</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Level</Table.Th><Table.Th ta="right">Score</Table.Th><Table.Th>Evaluated</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((e) => (
                <Table.Tr key={e.entityRef} data-testid="entity-row" data-ref={e.entityRef}>
                  <Table.Td><EntityRefLink entityRef={e.entityRef} showKind /></Table.Td>
                  <Table.Td>{e.owner ? <EntityRefLink entityRef={e.owner} /> : '—'}</Table.Td>
                  <Table.Td><LevelBadge levels={detail.levels} level={e.level} /></Table.Td>
                  <Table.Td ta="right">{e.score}</Table.Td>
                  <Table.Td><Text size="xs" c="dimmed">{ago(e.evaluatedAt)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager page={view.page} pageSize={ENTITIES_PAGE} shown={data.items.length} total={data.totalItems}
            hasPrev={view.page > 1} hasNext={view.page * ENTITIES_PAGE < data.totalItems}
            onPrev={() => onChange({ ...view, page: view.page - 1 })} onNext={() => onChange({ ...view, page: view.page + 1 })} />
        </>
      )}
    </Card>
  );
}
