// Every rule of a scorecard: its level, weight, how many entities pass it, and how to fix it.
import { Code, Progress, Table, Text, Tooltip } from '@mantine/core';
import { LevelBadge } from './levelBits';
import type { ScorecardDetail } from './scorecardQueries';

export function ScorecardRulesTable({ detail }: { detail: ScorecardDetail }) {
  const rates = new Map(detail.rulePassRates.map((r) => [r.ruleId, r]));
  return (
    <Table fz="sm" verticalSpacing={6} data-testid="rules-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Rule</Table.Th>
          <Table.Th>Level</Table.Th>
          <Table.Th ta="right">Weight</Table.Th>
          <Table.Th w={180}>Passing</Table.Th>
          <Table.Th>How to fix</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {detail.ruleDetails.map((rule) => {
          const rate = rates.get(rule.id) ?? { passed: 0, failed: 0, errors: 0 };
          const total = rate.passed + rate.failed + rate.errors;
          const share = total ? Math.round((rate.passed / total) * 100) : 0;
          return (
            <Table.Tr key={rule.id} data-testid="rule-row" data-id={rule.id}>
              <Table.Td>
                <Tooltip label={<Code block>{JSON.stringify(rule.check, null, 2)}</Code>} multiline maw={480}>
                  <Text size="sm" fw={500}>{rule.title}</Text>
                </Tooltip>
                <Text size="xs" c="dimmed">{rule.id}{rule.description ? ` · ${rule.description}` : ''}</Text>
              </Table.Td>
              <Table.Td><LevelBadge levels={detail.levels} level={rule.level} /></Table.Td>
              <Table.Td ta="right">{rule.weight}</Table.Td>
              <Table.Td>
                <Progress value={share} color={share === 100 ? 'teal' : share >= 50 ? 'yellow' : 'red'} size="sm" aria-label={`${share}% pass`} />
                <Text size="xs" c="dimmed" data-testid="rule-rate">
                  {rate.passed}/{total} pass{rate.errors ? ` · ${rate.errors} errors` : ''}
                </Text>
              </Table.Td>
              <Table.Td data-testid="rule-fix"><FixText text={rule.fix} /></Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** Fix texts are short Markdown: `code` spans are shown as code, the rest as text. */
export function FixText({ text }: { text: string | null }) {
  if (!text) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {text.split(/(`[^`]+`)/).map((part, i) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? <Code key={i}>{part.slice(1, -1)}</Code> : part))}
    </Text>
  );
}
