// What saving would change: entities per level before → after, the teams that would gain or lose a
// level, samples of the entities, and each rule's pass rate under the candidate.
import { Alert, Badge, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { EntityRefLink } from '../../../components/EntityRefLink';
import type { ScorecardPreview } from './scorecardEditorApi';

const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 100));

function Distribution({ p }: { p: ScorecardPreview }) {
  const levels = [...p.levels, 'none'];
  return (
    <Table aria-label="levels before and after" striped>
      <Table.Thead><Table.Tr><Table.Th>Level</Table.Th><Table.Th>Before</Table.Th><Table.Th>After</Table.Th><Table.Th w="40%" /></Table.Tr></Table.Thead>
      <Table.Tbody>
        {levels.map((l) => {
          const before = p.before.distribution[l] ?? 0;
          const after = p.after.distribution[l] ?? 0;
          return (
            <Table.Tr key={l} data-level={l}>
              <Table.Td>{l}</Table.Td>
              <Table.Td>{before}</Table.Td>
              <Table.Td>{after}{after !== before ? <Text span c={after > before ? 'teal' : 'red'} size="xs"> ({after > before ? '+' : ''}{after - before})</Text> : null}</Table.Td>
              <Table.Td><Progress value={pct(after, p.after.entities)} aria-label={`${l} after`} /></Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function Changes({ title, list, total }: { title: string; list: ScorecardPreview['gained']['sample']; total: number }) {
  if (total === 0) return null;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">{title} ({total}{list.length < total ? `, first ${list.length} shown` : ''})</Text>
      {list.map((c) => (
        <Group key={c.entityRef} gap="xs" wrap="nowrap">
          <EntityRefLink entityRef={c.entityRef} />
          <Text size="sm" c="dimmed">{c.before ?? 'not in scope'} → {c.after ?? 'not in scope'}</Text>
        </Group>
      ))}
    </Stack>
  );
}

export function PreviewPanel({ preview: p }: { preview: ScorecardPreview }) {
  return (
    <Card withBorder padding="md" data-testid="scorecard-preview">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={4}>Preview {p.exists ? 'of the change' : 'of the new scorecard'}</Title>
          <Text size="xs" c="dimmed">{p.scanned} catalog entities in {p.ms} ms</Text>
        </Group>
        {!p.complete ? <Alert color="yellow" variant="light">The preview stopped at its time budget: the numbers cover the first {p.scanned} entities.</Alert> : null}
        <Group gap="sm">
          <Badge color="teal" variant="light" data-testid="preview-gained">{p.gained.count} gain a level</Badge>
          <Badge color="red" variant="light" data-testid="preview-lost">{p.lost.count} lose a level</Badge>
          <Badge color="gray" variant="light">{p.entered} enter the scope, {p.left} leave it</Badge>
        </Group>
        <Distribution p={p} />
        {p.teams.length > 0 ? (
          <Table aria-label="teams gaining and losing" striped>
            <Table.Thead><Table.Tr><Table.Th>Team</Table.Th><Table.Th>Entities</Table.Th><Table.Th>Gain</Table.Th><Table.Th>Lose</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {p.teams.map((t) => (
                <Table.Tr key={t.owner}>
                  <Table.Td>{t.owner ? <EntityRefLink entityRef={t.owner} /> : '(no owner)'}</Table.Td>
                  <Table.Td>{t.entities}</Table.Td><Table.Td>{t.gained}</Table.Td><Table.Td>{t.lost}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : <Text size="sm" c="dimmed">No team would gain or lose a level.</Text>}
        <Changes title="Gaining" list={p.gained.sample} total={p.gained.count} />
        <Changes title="Losing" list={p.lost.sample} total={p.lost.count} />
        <Table aria-label="rule pass rates">
          <Table.Thead><Table.Tr><Table.Th>Rule</Table.Th><Table.Th>Level</Table.Th><Table.Th>Pass</Table.Th><Table.Th>Fail</Table.Th><Table.Th>Error</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {p.rulePassRates.map((r) => (
              <Table.Tr key={r.ruleId}><Table.Td>{r.ruleId}</Table.Td><Table.Td>{r.level}</Table.Td><Table.Td>{r.passed}</Table.Td><Table.Td>{r.failed}</Table.Td><Table.Td>{r.errors}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
