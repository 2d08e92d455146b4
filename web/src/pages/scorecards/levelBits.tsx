// Levels as colours, badges and one stacked bar, shared by every scorecard view.
import { Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import type { Distribution } from './scorecardQueries';

const NAMED: Record<string, string> = { bronze: 'orange.7', silver: 'gray.5', gold: 'yellow.5', platinum: 'cyan.4' };
const BY_INDEX = ['blue.4', 'teal.5', 'grape.5', 'indigo.5', 'green.6', 'violet.5', 'cyan.6', 'lime.6', 'pink.5', 'dark.4'];
export const NONE_COLOR = 'red.3';

/** A level's colour: the metal names look like metals; other levels by their position. */
export function levelColor(levels: string[], level: string | null): string {
  if (level === null || level === 'none') return NONE_COLOR;
  return NAMED[level] ?? BY_INDEX[Math.max(0, levels.indexOf(level)) % BY_INDEX.length]!;
}

export function LevelBadge({ levels, level }: { levels: string[]; level: string | null }) {
  return (
    <Badge color={levelColor(levels, level)} variant={level ? 'filled' : 'light'} autoContrast styles={{ label: { overflow: 'visible' } }} data-testid="level-badge" data-level={level ?? 'none'}>
      {level ?? 'no level'}
    </Badge>
  );
}

/** Highest level first, then below-all ("none"). */
export const levelOrder = (levels: string[]) => [...[...levels].reverse(), 'none'];

const pct = (n: number, of: number) => (of > 0 ? (n / of) * 100 : 0);

/** Entities per level as one stacked bar, with the counts underneath. */
export function DistributionBar({ levels, distribution, withText = true }: { levels: string[]; distribution: Distribution; withText?: boolean }) {
  const total = Object.values(distribution).reduce((a, b) => a + b, 0);
  const order = [...levels, 'none'];
  return (
    <div data-testid="distribution">
      <Progress.Root size="lg" aria-label={`Level distribution of ${total} entities`}>
        {order.map((l) => (
          <Tooltip key={l} label={`${distribution[l] ?? 0} ${l === 'none' ? 'below every level' : `at ${l}`}`}>
            <Progress.Section value={pct(distribution[l] ?? 0, total)} color={levelColor(levels, l)} data-level={l} />
          </Tooltip>
        ))}
      </Progress.Root>
      {withText ? (
        <Group gap="sm" mt={4}>
          {levelOrder(levels).map((l) => (
            <Text key={l} size="xs" c="dimmed" data-testid="distribution-count" data-level={l}>
              {l === 'none' ? 'no level' : l}: <b>{distribution[l] ?? 0}</b>
            </Text>
          ))}
        </Group>
      ) : null}
    </div>
  );
}
