// Small pieces shared by the initiatives pages: the status badge and the progress bar.
import { Badge, Group, Progress, Text } from '@mantine/core';

const COLORS: Record<string, string> = { draft: 'gray', active: 'blue', done: 'green', overdue: 'red', closed: 'dark' };

export function StatusBadge({ status }: { status: string }) {
  return <Badge color={COLORS[status] ?? 'gray'} variant="light" data-testid="initiative-status">{status}</Badge>;
}

export function ProgressBar({ percent, met, total }: { percent: number; met: number; total: number }) {
  return (
    <Group gap="xs" wrap="nowrap" data-testid="initiative-progress">
      <Progress value={percent} color={percent >= 100 ? 'green' : 'blue'} style={{ flex: 1, minWidth: 80 }} aria-label={`${percent}% met`} />
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{percent}% ({met}/{total})</Text>
    </Group>
  );
}
