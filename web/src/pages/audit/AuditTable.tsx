// Audit events as a dense table; clicking an actor or an action filters by it.
import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import type { AuditEvent } from '../../api/types';
import { ago } from '../../lib/time';

const OUTCOME_COLORS: Record<string, string> = { success: 'teal', failure: 'red', denied: 'orange' };

function payloadText(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('  ');
}

const head = (label: string) => <Text span size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>{label}</Text>;
const clip = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

type Props = { events: AuditEvent[]; onActor(actor: string): void; onAction(action: string): void };

export function AuditTable({ events, onActor, onAction }: Props) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table layout="fixed" className="paved-table" verticalSpacing={6} horizontalSpacing="sm" fz="sm" aria-label="audit events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="9%">{head('When')}</Table.Th>
            <Table.Th w="14%">{head('Actor')}</Table.Th>
            <Table.Th w="17%">{head('Action')}</Table.Th>
            <Table.Th w="20%">{head('Target')}</Table.Th>
            <Table.Th w="8%">{head('Outcome')}</Table.Th>
            <Table.Th>{head('Details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => {
            const details = payloadText(e.payload);
            return (
              <Table.Tr key={e.id} data-audit-id={e.id}>
                <Table.Td>
                  <Tooltip label={`${new Date(e.at).toLocaleString()} · #${e.id}`}>
                    <Text size="sm" c="dimmed" style={clip}>{ago(e.at)}</Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td style={clip}>
                  <Anchor component="button" size="sm" onClick={() => onActor(e.actor)} title={`Only ${e.actor}`} data-col="actor">{e.actor}</Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none" size="md" radius="sm" style={{ cursor: 'pointer', maxWidth: '100%' }}
                    onClick={() => onAction(e.action)} title={`Only ${e.action}`} data-col="action">
                    {e.action}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" style={clip} title={e.target} data-col="target">{e.target}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <span style={{ flexShrink: 0, width: 7, height: 7, borderRadius: 4, background: `var(--mantine-color-${OUTCOME_COLORS[e.outcome] ?? 'gray'}-6)` }} />
                    <Text size="sm">{e.outcome}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" ff="monospace" style={clip} title={details}>{details}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
