// What each team still has to fix: per entity, each targeted rule not met, why, and how to fix it.
import { Code, List, Stack, Text, Title } from '@mantine/core';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { useInitiativeTodo } from './initiativeQueries';

export function TodoList({ name, owner }: { name: string; owner: string | null }) {
  const q = useInitiativeTodo(name, owner);
  if (q.error) return <ErrorState error={q.error} />;
  if (!q.data) return <Text c="dimmed" size="sm">Loading…</Text>;
  if (q.data.teams.length === 0) return <Text size="sm" c="dimmed">Nothing left to fix.</Text>;
  return (
    <Stack gap="md" data-testid="todo-list">
      {q.data.teams.map((team) => (
        <div key={team.owner} data-testid="todo-team" data-owner={team.owner}>
          <Title order={5} mb={4}>{team.owner ? <EntityRefLink entityRef={team.owner} /> : '(no owner)'}</Title>
          {team.entities.map((e) => (
            <div key={e.entityRef} style={{ marginBottom: 8 }}>
              <EntityRefLink entityRef={e.entityRef} />
              <List size="sm" spacing={2} ml="md">
                {e.rules.map((r) => (
                  <List.Item key={r.ruleId}>
                    <Text size="sm" span fw={500}>{r.title}</Text> <Code>{r.ruleId}</Code> <Text size="sm" span c="dimmed">{r.message}</Text>
                    {r.fix ? <Text size="sm" data-testid="todo-fix">Fix: {r.fix}</Text> : null}
                  </List.Item>
                ))}
              </List>
            </div>
          ))}
        </div>
      ))}
      {q.data.nextCursor ? <Text size="xs" c="dimmed">More entities left: narrow to one team.</Text> : null}
    </Stack>
  );
}
