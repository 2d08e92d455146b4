// /create/tasks — template runs, newest first: mine or everyone's, by status.
import { useState } from 'react';
import { Anchor, Button, Group, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { listTasks, type TaskStatus } from '../../api/scaffolder';
import { useAuth } from '../../auth/AuthProvider';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { ago } from '../../lib/time';
import { duration, TaskStatusBadge } from './taskBits';

const PAGE = 25;
const STATUSES: TaskStatus[] = ['open', 'processing', 'completed', 'failed', 'cancelled'];

export function TasksPage() {
  const auth = useAuth();
  const me = auth.me?.actor.ref;
  const [owner, setOwner] = useState<'mine' | 'all'>('mine');
  const [status, setStatus] = useState<TaskStatus | null>(null);
  const [offset, setOffset] = useState(0);
  const createdBy = owner === 'mine' ? me : undefined;
  const q = useQuery({
    queryKey: ['tasks', createdBy ?? null, status, offset],
    queryFn: ({ signal }) => listTasks({ createdBy, status: status ?? undefined, limit: PAGE, offset }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
  const tasks = q.data?.tasks ?? [];
  return (
    <>
      <PageHeader title="Tasks" description="Template runs: what was created, by whom, and how it went."
        actions={<Button component={Link} to="/create" size="sm">Create…</Button>} />
      <Group gap="md" mb="md" align="flex-end">
        <SegmentedControl value={owner} onChange={(v) => { setOwner(v === 'all' ? 'all' : 'mine'); setOffset(0); }} aria-label="Whose tasks"
          data={[{ value: 'mine', label: 'Mine', disabled: !me }, { value: 'all', label: 'All' }]} />
        <Select aria-label="Status" placeholder="Any status" data={STATUSES.map((s) => ({ value: s, label: s === 'processing' ? 'running' : s }))}
          value={status} onChange={(v) => { setStatus((v as TaskStatus | null) ?? null); setOffset(0); }} clearable w={180} />
      </Group>
      {q.error ? <ErrorState error={q.error} title="Could not load tasks" /> : null}
      <Table className="paved-table" fz="sm" verticalSpacing={6} data-testid="tasks-table">
        <Table.Thead>
          <Table.Tr><Table.Th>Task</Table.Th><Table.Th>Template</Table.Th><Table.Th>Status</Table.Th><Table.Th>Created by</Table.Th><Table.Th>Created</Table.Th><Table.Th>Took</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((t) => {
            const meta = t.spec.templateInfo.entity?.metadata ?? {};
            return (
              <Table.Tr key={t.id} data-testid="task-row" data-id={t.id}>
                <Table.Td>
                  <Anchor renderRoot={(props) => <Link to="/create/tasks/$taskId" params={{ taskId: t.id }} {...props} />} size="sm" ff="monospace">{t.id.slice(0, 8)}</Anchor>
                </Table.Td>
                <Table.Td>
                  <EntityRefLink entityRef={t.spec.templateInfo.entityRef} defaultKind="template" label={typeof meta.title === 'string' ? meta.title : undefined} />
                </Table.Td>
                <Table.Td><TaskStatusBadge status={t.status} /></Table.Td>
                <Table.Td>{t.createdBy}</Table.Td>
                <Table.Td title={t.createdAt}>{ago(t.createdAt)}</Table.Td>
                <Table.Td>{duration(t.startedAt, t.finishedAt)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {q.data && tasks.length === 0 ? <Text c="dimmed" mt="md">No tasks{owner === 'mine' ? ' of yours' : ''}{status ? ` with status ${status}` : ''} yet.</Text> : null}
      {q.data && q.data.totalTasks > PAGE ? (
        <Pager page={offset / PAGE + 1} pageSize={PAGE} shown={tasks.length} total={q.data.totalTasks} noun="tasks"
          hasPrev={offset > 0} hasNext={offset + tasks.length < q.data.totalTasks}
          onPrev={() => setOffset(Math.max(0, offset - PAGE))} onNext={() => setOffset(offset + PAGE)} />
      ) : null}
    </>
  );
}
