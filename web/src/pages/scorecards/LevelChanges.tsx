// One entity's level changes in one scorecard, newest first: its score history as a short timeline.
import { Text, Timeline } from '@mantine/core';
import { LevelBadge } from './levelBits';
import type { EntityLevelChanges } from './scorecardQueries';

export function LevelChanges({ levels, changes }: { levels: string[]; changes: EntityLevelChanges['items'] }) {
  if (changes.length === 0) return <Text size="xs" c="dimmed" data-testid="level-changes-empty">No level change in the last 90 days.</Text>;
  return (
    <Timeline bulletSize={12} lineWidth={2} active={0} data-testid="level-changes">
      {changes.map((c) => (
        <Timeline.Item key={c.at} data-testid="level-change" data-from={c.from ?? 'none'} data-to={c.to ?? 'none'}
          title={<><LevelBadge levels={levels} level={c.from} /> → <LevelBadge levels={levels} level={c.to} /></>}>
          <Text size="xs" c="dimmed">{new Date(c.at).toLocaleString()} · score {c.score}</Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
