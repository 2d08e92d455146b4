// /create/tasks/:taskId — one template run: its steps (status, duration), the live log, the output links
// once completed, the failing step and why, Cancel while running and Retry when failed or cancelled.
// Reloading the page reads the log again from the event stream.
import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, Card, Grid, Group, Loader, ScrollArea, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { cancelTask, getTask, retryTask, type ScaffolderTask, type TaskEvent } from '../../api/scaffolder';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { ago } from '../../lib/time';
import { duration, FINISHED, StepStatusIcon, TaskStatusBadge } from './taskBits';
import { useTaskEvents } from './useTaskEvents';

type OutputLink = { title?: string; url?: string; entityRef?: string; icon?: string };
type OutputText = { title?: string; content?: string };

const list = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as T[]) : []);

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

function Steps({ task, selected, onSelect, now }: { task: ScaffolderTask; selected: string | null; onSelect(id: string | null): void; now: number }) {
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Steps</Title>
        {selected ? <Anchor component="button" size="xs" onClick={() => onSelect(null)}>Show all logs</Anchor> : null}
      </Group>
      <Stack gap={2} role="list">
        {task.steps.map((s) => (
          <UnstyledButton key={s.id} role="listitem" onClick={() => onSelect(selected === s.id ? null : s.id)} data-testid="task-step" data-id={s.id}
            data-status={s.status} aria-pressed={selected === s.id} aria-label={`${s.name}: ${s.status}${selected === s.id ? ' (log filtered)' : ''}`}
            p={6} style={{ borderRadius: 6, background: selected === s.id ? 'var(--mantine-primary-color-light)' : undefined }}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <StepStatusIcon status={s.status} />
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={500}>{s.name}</Text>
                  <Text size="xs" c="dimmed" data-testid="step-duration">
                    {s.startedAt ? duration(s.startedAt, s.endedAt ?? (s.status === 'processing' ? undefined : s.startedAt), now) : ''}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" ff="monospace">{s.action}</Text>
                {s.error ? <Text size="xs" c="red" mt={2} style={{ wordBreak: 'break-word' }}>{s.error}</Text> : null}
              </Stack>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Card>
  );
}

function Log({ events, step, live, task }: { events: TaskEvent[]; step: string | null; live: boolean; task: ScaffolderTask }) {
  const viewport = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const lines = events.filter((e) => !step || e.body.stepId === step);
  useEffect(() => {
    const v = viewport.current;
    if (v && stick.current) v.scrollTop = v.scrollHeight;
  }, [lines.length]);
  const names = new Map(task.steps.map((s) => [s.id, s.name]));
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Log{step ? ` — ${names.get(step) ?? step}` : ''}</Title>
        <Text size="xs" c="dimmed" aria-live="polite">{live ? 'Live' : ''} {lines.length} line{lines.length === 1 ? '' : 's'}</Text>
      </Group>
      <ScrollArea h={420} viewportRef={viewport} type="auto" onScrollPositionChange={({ y }) => {
        const v = viewport.current;
        if (v) stick.current = y + v.clientHeight >= v.scrollHeight - 24;
      }}>
        <pre className="paved-code" data-testid="task-log" style={{ margin: 0, maxHeight: 'none', overflow: 'visible', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} tabIndex={0} aria-label="Task log">
          {lines.map((e) => (
            <div key={e.id} data-type={e.type} style={{ color: e.type === 'completion' && e.body.status === 'failed' ? 'var(--mantine-color-red-text)' : undefined }}>
              <span style={{ opacity: 0.55 }}>{new Date(e.createdAt).toLocaleTimeString()} </span>
              {!step && e.body.stepId ? <span style={{ opacity: 0.75 }}>[{e.body.stepId}] </span> : null}
              {e.body.message}
            </div>
          ))}
          {lines.length === 0 ? <span style={{ opacity: 0.6 }}>{live ? 'Waiting for the first log line…' : 'No log lines.'}</span> : null}
        </pre>
      </ScrollArea>
    </Card>
  );
}

function Output({ task }: { task: ScaffolderTask }) {
  const links = list<OutputLink>(task.output?.links);
  const texts = list<OutputText>(task.output?.text);
  if (links.length === 0 && texts.length === 0) return null;
  return (
    <Card withBorder padding="md" data-testid="task-output">
      <Title order={5} mb="xs">Output</Title>
      <Group gap="md">
        {links.map((l, i) => l.entityRef ? (
          <Group key={i} gap={6} data-testid="output-link" data-kind="entity">
            <Text size="sm" c="dimmed">{l.title ?? 'Entity'}:</Text>
            <EntityRefLink entityRef={l.entityRef} showKind />
          </Group>
        ) : l.url ? (
          <Group key={i} gap={6} data-testid="output-link" data-kind="url">
            <Text size="sm" c="dimmed">{l.title ?? 'Link'}:</Text>
            {/^https?:\/\//.test(l.url) ? <Anchor href={l.url} target="_blank" rel="noreferrer" size="sm">{l.url}</Anchor> : <Text size="sm" ff="monospace">{l.url}</Text>}
          </Group>
        ) : null)}
      </Group>
      {texts.map((t, i) => (
        <Stack key={i} gap={2} mt="sm">
          {t.title ? <Text size="sm" fw={600}>{t.title}</Text> : null}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{t.content ?? ''}</Text>
        </Stack>
      ))}
    </Card>
  );
}

export function TaskPage() {
  const { taskId } = useParams({ from: '/create/tasks/$taskId' });
  const client = useQueryClient();
  const navigate = useNavigate();
  const [generation, setGeneration] = useState(0);
  const [step, setStep] = useState<string | null>(null);
  const task = useQuery({
    queryKey: ['task', taskId],
    queryFn: ({ signal }) => getTask(taskId, signal),
    // Step states change while it runs; the log arrives over the stream.
    refetchInterval: (q) => (q.state.data && FINISHED.has(q.state.data.status) ? false : 1000),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['task', taskId] });
  const stream = useTaskEvents(taskId, generation, refresh);
  const t = task.data;
  const running = !!t && !FINISHED.has(t.status);
  const now = useNow(running);

  const cancel = useMutation({ mutationFn: () => cancelTask(taskId), onSuccess: refresh });
  const retry = useMutation({
    mutationFn: () => retryTask(taskId),
    onSuccess: ({ id }) => {
      if (id === taskId) {
        refresh();
        setGeneration((g) => g + 1);
      } else void navigate({ to: '/create/tasks/$taskId', params: { taskId: id } });
    },
  });

  if (task.error) return <ErrorState error={task.error} title="Could not load the task" />;
  if (!t) return <Loader size="sm" />;
  const info = t.spec.templateInfo;
  const meta = info.entity?.metadata ?? {};
  const title = typeof meta.title === 'string' ? meta.title : info.entityRef;
  const failedStep = t.steps.find((s) => s.status === 'failed');
  return (
    <>
      <Anchor component={Link} to="/create/tasks" size="sm">← All tasks</Anchor>
      <PageHeader
        title={<Group gap="sm">{title}<TaskStatusBadge status={t.status} /></Group>}
        description={
          <>
            Run {t.runs > 1 ? `${t.runs} ` : ''}of <EntityRefLink entityRef={info.entityRef} defaultKind="template" /> by {t.createdBy}, created {ago(t.createdAt)}
            {t.startedAt ? ` · ${duration(t.startedAt, t.finishedAt, now)}` : ''}
          </>
        }
        actions={
          <Group gap="xs">
            {running && t.permissions.cancel ? (
              <Button color="red" variant="light" onClick={() => cancel.mutate()} loading={cancel.isPending}>Cancel</Button>
            ) : null}
            {(t.status === 'failed' || t.status === 'cancelled') && t.permissions.retry ? (
              <Button onClick={() => retry.mutate()} loading={retry.isPending}>Retry</Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="md">
        {cancel.error ? <ErrorState error={cancel.error} title="Could not cancel" /> : null}
        {retry.error ? <ErrorState error={retry.error} title="Could not retry" /> : null}
        {t.status === 'failed' ? (
          <Alert color="red" variant="light" role="alert" title={failedStep ? `Step "${failedStep.name}" failed` : 'The task failed'} data-testid="task-error">
            <Text size="sm" style={{ wordBreak: 'break-word' }}>{failedStep?.error ?? t.error ?? 'No reason was recorded.'}</Text>
          </Alert>
        ) : null}
        {t.status === 'cancelled' ? <Alert color="orange" variant="light">The task was cancelled{t.finishedAt ? ` ${ago(t.finishedAt)}` : ''}.</Alert> : null}
        {t.status === 'completed' ? <Output task={t} /> : null}
        {stream.error ? <Alert color="yellow" variant="light">Log stream interrupted: {stream.error.message}{stream.live ? ' — reconnecting…' : ''}</Alert> : null}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Steps task={t} selected={step} onSelect={setStep} now={now} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Log events={stream.events} step={step} live={stream.live} task={t} />
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
