// "Services behind" on the golden path page: each service not on the current version, expandable to
// what its template output changes between its version and the current one (files and unified diffs,
// computed by the server from two dry runs when the row is opened).
import { Accordion, Alert, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { StatusBadge } from './GoldenPathBits';
import { useGoldenPathMigration, useServiceDiff, type GoldenPathMigrationService } from './goldenPathQueries';

type FileChange = GoldenPathMigrationService['diff']['files'][number];
const CHANGE_COLORS = { added: 'teal', removed: 'red', modified: 'blue' } as const;

function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'paved-diff-file';
  if (line.startsWith('@@')) return 'paved-diff-hunk';
  if (line.startsWith('+')) return 'paved-diff-add';
  if (line.startsWith('-')) return 'paved-diff-del';
  return '';
}

/** A unified diff, one coloured row per line. */
export function UnifiedDiffView({ diff }: { diff: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <pre className="paved-diff" data-testid="diff-text">
      {lines.map((l, i) => <span key={i} className={lineClass(l)} data-kind={lineClass(l) || 'context'}>{l || ' '}</span>)}
    </pre>
  );
}

function FileDiff({ file }: { file: FileChange }) {
  return (
    <Card withBorder padding={0} data-testid="file-diff" data-path={file.path} data-change={file.change}>
      <Group gap="xs" px="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Badge size="xs" variant="light" color={CHANGE_COLORS[file.change]}>{file.change}</Badge>
        <Text size="sm" ff="monospace" fw={500}>{file.path}</Text>
        <Text size="xs" c="dimmed">{file.binary ? 'binary file' : `+${file.additions} −${file.deletions}`}{file.truncated ? ' · diff truncated' : ''}</Text>
      </Group>
      {file.diff ? <UnifiedDiffView diff={file.diff} /> : null}
    </Card>
  );
}

function ServiceDiff({ namespace, name, entityRef }: { namespace: string; name: string; entityRef: string }) {
  const q = useServiceDiff(namespace, name, entityRef, true);
  if (q.isLoading) return <Group gap="xs"><Loader size="xs" /><Text size="sm" c="dimmed">Rendering both versions of the template…</Text></Group>;
  if (q.error || !q.data) return <ErrorState error={q.error} title="Could not compute the diff" />;
  const d = q.data.diff;
  if (!d.available) return <Alert color="gray" data-testid="diff-unavailable">{d.reason}</Alert>;
  if (d.changedFiles === 0) return <Text size="sm" c="dimmed" data-testid="diff-summary">The template output is the same at {d.toVersion}.</Text>;
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="diff-summary">
        {d.changedFiles} file{d.changedFiles === 1 ? '' : 's'} change{d.changedFiles === 1 ? 's' : ''} from {d.fromVersion} to {d.toVersion} ({d.unchangedFiles} unchanged){d.truncated ? ' — output truncated' : ''}
      </Text>
      {d.files.map((f) => <FileDiff key={f.path} file={f} />)}
    </Stack>
  );
}

export function ServicesBehind({ namespace, name }: { namespace: string; name: string }) {
  const q = useGoldenPathMigration(namespace, name);
  const [open, setOpen] = useState<string[]>([]);
  if (q.isLoading) return <Loader size="sm" />;
  if (q.error || !q.data) return <ErrorState error={q.error} title="Could not load the services behind" />;
  const m = q.data;
  return (
    <Card withBorder padding="md" data-testid="services-behind">
      <Title order={4} mb={4}>Services behind {m.version} ({m.totalBehind})</Title>
      <Text size="xs" c="dimmed" mb="sm" data-testid="migration-note">{m.diff.reason}</Text>
      {m.behind.length === 0 ? <Text size="sm" c="dimmed">Every service on this path is on the current version.</Text> : (
        <Accordion multiple value={open} onChange={setOpen} variant="contained">
          {m.behind.map((s) => (
            <Accordion.Item key={s.entityRef} value={s.entityRef} data-testid="service-behind" data-name={s.name}>
              <Accordion.Control>
                <Group gap="sm" wrap="nowrap">
                  <Text size="sm" fw={500}>{s.title ?? s.name}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">{s.version ?? '—'} → {m.version}</Text>
                  <StatusBadge status={s.status} />
                  {s.owner ? <Text size="xs" c="dimmed">{s.owner.replace(/^group:default\//, '')}</Text> : null}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Group gap="xs" mb="xs"><Text size="xs" c="dimmed">Entity:</Text><EntityRefLink entityRef={s.entityRef} /></Group>
                {open.includes(s.entityRef) ? <ServiceDiff namespace={namespace} name={name} entityRef={s.entityRef} /> : null}
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      {m.nextCursor ? <Text size="xs" c="dimmed" mt="xs">First {m.behind.length} of {m.totalBehind} shown.</Text> : null}
    </Card>
  );
}
