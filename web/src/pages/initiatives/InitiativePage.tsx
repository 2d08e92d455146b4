// /initiatives/$name — the brief, progress over time, progress per team and what each team still has to fix.
import { LineChart } from '@mantine/charts';
import { Button, Card, Group, Stack, Table, Text, Title, Typography } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar, StatusBadge } from './InitiativeBits';
import { TodoList } from './TodoList';
import { useInitiative, useInitiativeAction, useInitiativeProgress, type InitiativeProgress } from './initiativeQueries';

function ProgressChart({ history, teamHistory, team }: { history: InitiativeProgress['history']; teamHistory: InitiativeProgress['teamHistory']; team: string | null }) {
  if (history.length === 0) return <Text size="sm" c="dimmed">No progress recorded yet.</Text>;
  const byDay = new Map((teamHistory ?? []).map((h) => [h.day, h.percent]));
  const data = history.map((h) => ({ day: h.day, all: h.percent, ...(byDay.has(h.day) ? { team: byDay.get(h.day) } : {}) }));
  const series = [{ name: 'all', label: 'All teams (% met)', color: 'blue.6' }, ...(team && teamHistory ? [{ name: 'team', label: `${team} (% met)`, color: 'orange.6' }] : [])];
  return (
    <div data-testid="progress-chart">
      <LineChart h={220} data={data} dataKey="day" series={series} yAxisProps={{ domain: [0, 100] }} unit="%" curveType="linear" withDots withLegend />
    </div>
  );
}

function TeamTable({ teams, selected, onSelect }: { teams: InitiativeProgress['teams']; selected: string | null; onSelect: (owner: string | null) => void }) {
  return (
    <Table fz="sm" verticalSpacing={4} data-testid="team-progress" highlightOnHover>
      <Table.Thead>
        <Table.Tr><Table.Th>Team</Table.Th><Table.Th w="40%">Rule checks met</Table.Th><Table.Th>Entities done</Table.Th><Table.Th /></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {teams.map((t) => (
          <Table.Tr key={t.owner} data-owner={t.owner}>
            <Table.Td>{t.owner ? <EntityRefLink entityRef={t.owner} /> : <Text size="sm" c="dimmed">(no owner)</Text>}</Table.Td>
            <Table.Td><ProgressBar percent={t.percent} met={t.met} total={t.total} /></Table.Td>
            <Table.Td>{t.entitiesDone} / {t.entities}</Table.Td>
            <Table.Td>
              <Button size="compact-xs" variant={selected === t.owner ? 'filled' : 'subtle'} onClick={() => onSelect(selected === t.owner ? null : t.owner)}>
                {selected === t.owner ? 'All teams' : 'To fix'}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function InitiativePage() {
  const { name } = useParams({ from: '/initiatives/$name' });
  const q = useInitiative(name);
  const [owner, setOwner] = useState<string | null>(null);
  const progress = useInitiativeProgress(name, owner);
  const action = useInitiativeAction(name);
  if (q.error) return <ErrorState error={q.error} title="Could not load the initiative" />;
  const d = q.data;
  if (!d) return <Text c="dimmed">Loading…</Text>;
  const p = progress.data;
  return (
    <>
      <PageHeader
        title={<Group gap="sm">{d.title}<StatusBadge status={d.status} /></Group>}
        description={<>Scorecard {d.scorecard} · rules {d.rules.map((r) => r.id).join(', ')} · {d.startDate} → {d.targetDate}</>}
        actions={(
          <Group gap="xs">
            {d.actions.publish ? <Button onClick={() => action.mutate('publish')} loading={action.isPending}>Publish</Button> : null}
            {d.actions.close ? <Button variant="default" onClick={() => action.mutate('close')} loading={action.isPending}>Close</Button> : null}
          </Group>
        )}
      />
      <Stack gap="lg">
        <Card withBorder padding="md">
          <Group justify="space-between" mb="xs">
            <Group gap={6}><Text size="sm" c="dimmed">Owner</Text><EntityRefLink entityRef={d.owner} /></Group>
            <div style={{ width: 320 }}><ProgressBar {...d.progress} /></div>
          </Group>
          <Typography data-testid="initiative-brief">
            {/* Rendered from Markdown and sanitised (allowlist) on the server. */}
            <div dangerouslySetInnerHTML={{ __html: d.briefHtml }} />
          </Typography>
        </Card>
        <Card withBorder padding="md">
          <Title order={4} mb="xs">Progress over time</Title>
          {progress.error ? <ErrorState error={progress.error} /> : p ? <ProgressChart history={p.history} teamHistory={p.teamHistory} team={owner} /> : null}
        </Card>
        <Card withBorder padding="md">
          <Title order={4} mb="xs">Per team</Title>
          <TeamTable teams={p?.teams ?? []} selected={owner} onSelect={setOwner} />
        </Card>
        <Card withBorder padding="md">
          <Title order={4} mb="xs">To fix{owner ? ` — ${owner}` : ''}</Title>
          <TodoList name={name} owner={owner} />
        </Card>
      </Stack>
    </>
  );
}
