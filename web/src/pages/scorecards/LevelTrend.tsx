// Entities per level per day as a stacked area chart (the scorecard's, or one team's, daily history).
import { AreaChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { levelColor } from './levelBits';
import type { DayDistribution } from './scorecardQueries';

export function LevelTrend({ levels, history, h = 220 }: { levels: string[]; history: DayDistribution[]; h?: number }) {
  if (history.length === 0) return <Text size="sm" c="dimmed">No history yet: the first evaluation of a day records it.</Text>;
  const data = history.map((d) => ({ day: d.day, ...d.distribution }));
  const series = [...levels, 'none'].map((l) => ({ name: l, label: l === 'none' ? 'no level' : l, color: levelColor(levels, l) }));
  return (
    <div data-testid="level-trend" data-days={history.length}>
      <AreaChart h={h} data={data} dataKey="day" type="stacked" series={series} withLegend curveType="linear"
        withDots={history.length < 2} fillOpacity={0.6} tickLine="y" />
      {history.length === 1 ? <Text size="xs" c="dimmed">One day recorded so far: each day's first evaluation adds a point.</Text> : null}
    </div>
  );
}
