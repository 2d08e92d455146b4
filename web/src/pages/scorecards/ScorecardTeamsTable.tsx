// Per team (owner): how many of its entities stand at each level; the team links to its page.
import { Table, Text } from '@mantine/core';
import { EntityRefLink } from '../../components/EntityRefLink';
import { DistributionBar, levelOrder } from './levelBits';
import type { ScorecardDetail } from './scorecardQueries';

export function ScorecardTeamsTable({ detail, onPick }: { detail: ScorecardDetail; onPick(owner: string): void }) {
  if (detail.byOwner.length === 0) return <Text size="sm" c="dimmed">No entities scored yet.</Text>;
  const order = levelOrder(detail.levels);
  return (
    <Table fz="sm" verticalSpacing={4} data-testid="teams-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Owner</Table.Th>
          <Table.Th ta="right">Entities</Table.Th>
          {order.map((l) => <Table.Th key={l} ta="right">{l === 'none' ? 'no level' : l}</Table.Th>)}
          <Table.Th w="30%">Distribution</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {detail.byOwner.map((o) => (
          <Table.Tr key={o.owner} data-testid="team-row" data-owner={o.owner}>
            <Table.Td>{o.owner ? <EntityRefLink entityRef={o.owner} /> : <Text size="sm" c="dimmed">no owner</Text>}</Table.Td>
            <Table.Td ta="right">
              <Text span size="sm" className="paved-link" style={{ cursor: 'pointer' }} onClick={() => onPick(o.owner)} title="Show these entities below">{o.entities}</Text>
            </Table.Td>
            {order.map((l) => <Table.Td key={l} ta="right" data-level={l}>{o.distribution[l] ?? 0}</Table.Td>)}
            <Table.Td><DistributionBar levels={detail.levels} distribution={o.distribution} withText={false} /></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
