// One exemption in the list, with the decisions the caller may take (the server says which).
import { useState } from 'react';
import { Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { EntityRefLink } from '../../../components/EntityRefLink';
import type { ExemptionDecision, ExemptionDto } from './exemptionsApi';
import { useDecideExemption } from './exemptionsApi';

const COLORS: Record<ExemptionDto['status'], string> = { requested: 'yellow', approved: 'green', rejected: 'gray', revoked: 'gray', expired: 'gray' };
const LABELS: Record<ExemptionDecision, string> = { approve: 'Approve', reject: 'Reject', revoke: 'Revoke' };
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function ExemptionRow({ exemption: e }: { exemption: ExemptionDto }) {
  const decide = useDecideExemption();
  const [comment, setComment] = useState('');
  return (
    <Table.Tr data-testid={`exemption-${e.id}`}>
      <Table.Td><Badge color={COLORS[e.status]} variant="light" data-testid="exemption-status">{e.status}</Badge></Table.Td>
      <Table.Td><EntityRefLink entityRef={e.entityRef} /></Table.Td>
      <Table.Td>
        <Text size="sm">{e.ruleTitle ?? e.ruleId}</Text>
        <Text size="xs" c="dimmed">{e.scorecardRef.replace(/^scorecard:default\//, '')}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</Text>
        {e.decidedBy ? <Text size="xs" c="dimmed">{e.status === 'expired' ? 'approved' : e.status} by {e.decidedBy}{e.decisionComment ? `: ${e.decisionComment}` : ''}</Text> : null}
      </Table.Td>
      <Table.Td><Text size="xs">{e.requestedBy}</Text><Text size="xs" c="dimmed">{when(e.requestedAt)}</Text></Table.Td>
      <Table.Td><Text size="sm">{when(e.expiresAt)}</Text></Table.Td>
      <Table.Td>
        {e.allowedActions.length > 0 ? (
          <Group gap={4} wrap="nowrap">
            <TextInput size="xs" placeholder="Comment" aria-label="Decision comment" value={comment} onChange={(ev) => setComment(ev.currentTarget.value)} w={140} />
            {e.allowedActions.map((d) => (
              <Button key={d} size="xs" variant={d === 'approve' ? 'filled' : 'light'} color={d === 'approve' ? 'green' : 'red'}
                loading={decide.isPending && decide.variables?.decision === d} onClick={() => decide.mutate({ id: e.id, decision: d, comment: comment.trim() || undefined })}>
                {LABELS[d]}
              </Button>
            ))}
          </Group>
        ) : null}
        {decide.error ? <Text size="xs" c="red">{decide.error.message}</Text> : null}
      </Table.Td>
    </Table.Tr>
  );
}
