// Small pieces shared by the task page, the tasks list and the dry-run preview.
import { Badge, Loader, ThemeIcon, Tooltip } from '@mantine/core';

export type StepStatus = 'open' | 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';

const COLORS: Record<string, string> = {
  open: 'gray',
  processing: 'blue',
  completed: 'teal',
  failed: 'red',
  cancelled: 'orange',
  skipped: 'gray',
};

const GLYPHS: Record<string, string> = {
  open: 'M12 8a4 4 0 100 8 4 4 0 000-8z',
  completed: 'M5 12l5 5 9-10',
  failed: 'M6 6l12 12M18 6L6 18',
  cancelled: 'M6 12h12',
  skipped: 'M6 6l6 6-6 6M13 6l6 6-6 6',
};

export function StepStatusIcon({ status }: { status: string }) {
  const label = status === 'open' ? 'waiting' : status;
  if (status === 'processing') {
    return (
      <Tooltip label="running" withArrow>
        <ThemeIcon size={20} radius="xl" variant="light" color="blue" aria-label="running" role="img">
          <Loader size={12} color="blue" />
        </ThemeIcon>
      </Tooltip>
    );
  }
  return (
    <Tooltip label={label} withArrow>
      <ThemeIcon size={20} radius="xl" variant={status === 'open' || status === 'skipped' ? 'light' : 'filled'} color={COLORS[status] ?? 'gray'}
        aria-label={label} role="img" data-status={status}>
        <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d={GLYPHS[status] ?? GLYPHS.open} />
        </svg>
      </ThemeIcon>
    </Tooltip>
  );
}

export function TaskStatusBadge({ status }: { status: string }) {
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant={status === 'open' ? 'outline' : 'light'} data-testid="task-status" data-status={status}
      leftSection={status === 'processing' ? <Loader size={10} color="blue" /> : undefined}>
      {status === 'processing' ? 'running' : status}
    </Badge>
  );
}

/** `1.2 s`, `3 min 4 s` — between two ISO times (to now while still running). */
export function duration(start?: string, end?: string, now = Date.now()): string {
  if (!start) return '';
  const ms = (end ? Date.parse(end) : now) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return m < 60 ? `${m} min ${s} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const FINISHED = new Set(['completed', 'failed', 'cancelled']);
