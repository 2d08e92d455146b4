// The entity page's Scorecards tab: each scorecard that applies, the level reached, what blocks the
// next one, and every rule with why it fails and how to fix it.
import { Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { Entity } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { ago } from '../../lib/time';
import { FailingRuleActions } from './FailingRuleActions';
import { LevelChanges } from './LevelChanges';
import { LevelBadge } from './levelBits';
import { RuleStatusIcon } from './RuleStatusIcon';
import { FixText } from './ScorecardRulesTable';
import { useEntityLevelChanges, useEntityScores, type EntityLevelChanges, type EntityScore } from './scorecardQueries';

function NextLevel({ score }: { score: EntityScore }) {
  if (!score.next) return <Text size="sm" c="teal" data-testid="next-level">Top level reached: every rule passes.</Text>;
  const titles = score.next.blocking.map((id) => score.rules.find((r) => r.ruleId === id)?.title ?? id);
  return (
    <Text size="sm" data-testid="next-level" data-level={score.next.level}>
      Next: <b>{score.next.level}</b> — blocked by {titles.join(', ')}
    </Text>
  );
}

function ScoreCard({ score, entityRef, changes }: { score: EntityScore; entityRef: string; changes?: EntityLevelChanges['items'] }) {
  const sc = score.scorecard;
  const [namespace, name] = [sc.entityRef.split(':')[1]!.split('/')[0]!, sc.name];
  return (
    <Card withBorder padding="md" data-testid="entity-scorecard" data-name={sc.name}>
      <Group justify="space-between" mb="xs">
        <Group gap="sm">
          <Link to="/scorecards/$namespace/$name" params={{ namespace, name }} className="paved-link">
            <Text fw={600}>{sc.title ?? sc.name}</Text>
          </Link>
          <LevelBadge levels={sc.levels} level={score.level} />
          <Text size="sm" c="dimmed" data-testid="entity-score">score {score.score}</Text>
        </Group>
        <Text size="xs" c="dimmed">evaluated {ago(score.evaluatedAt)}</Text>
      </Group>
      <NextLevel score={score} />
      <Table fz="sm" verticalSpacing={6} mt="sm">
        <Table.Thead>
          <Table.Tr><Table.Th w={40} /><Table.Th w={220}>Rule</Table.Th><Table.Th>Level</Table.Th><Table.Th>Why</Table.Th><Table.Th>How to fix</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {score.rules.map((r) => (
            <Table.Tr key={r.ruleId} data-testid="entity-rule" data-id={r.ruleId} data-status={r.status}>
              <Table.Td><RuleStatusIcon status={r.status} /></Table.Td>
              <Table.Td><Text size="sm" fw={500}>{r.title}</Text><Text size="xs" c="dimmed">{r.ruleId} · weight {r.weight}</Text></Table.Td>
              <Table.Td><LevelBadge levels={sc.levels} level={r.level} /></Table.Td>
              <Table.Td data-testid="rule-message"><Text size="sm" c={r.status === 'pass' ? 'dimmed' : undefined}>{r.message}</Text></Table.Td>
              <Table.Td data-testid="rule-fix">
                {r.status === 'pass' ? null : (
                  <Stack gap={4}>
                    <FixText text={r.fix} />
                    <FailingRuleActions scorecardRef={sc.entityRef} entityRef={entityRef} ruleId={r.ruleId} ruleTitle={r.title} />
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {changes ? (
        <>
          <Title order={6} mt="md" mb="xs">Level history</Title>
          <LevelChanges levels={sc.levels} changes={changes.filter((c) => c.scorecardRef === sc.entityRef)} />
        </>
      ) : null}
    </Card>
  );
}

export function EntityScorecardsTab({ entity }: { entity: Entity }) {
  const q = useEntityScores(entity.kind, entity.metadata.namespace ?? 'default', entity.metadata.name);
  const changes = useEntityLevelChanges(entity.kind, entity.metadata.namespace ?? 'default', entity.metadata.name);
  if (q.isLoading) return <Loader size="sm" />;
  if (q.error || !q.data) return <ErrorState error={q.error} title="Could not load scores" unavailableHint="This server has no scorecards API." />;
  if (q.data.scores.length === 0) return <Text c="dimmed" data-testid="no-scorecards">No scorecard applies to this entity.</Text>;
  return (
    <Stack gap="md">
      {q.data.scores.map((s) => <ScoreCard key={s.scorecard.entityRef} score={s} entityRef={q.data.entityRef} changes={changes.data?.items} />)}
    </Stack>
  );
}
