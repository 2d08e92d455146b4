import { Button, Group, Text } from '@mantine/core';

type Props = {
  page: number;
  pageSize: number;
  shown: number;
  total: number | undefined;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev(): void;
  onNext(): void;
  noun?: string;
};

/** "51–100 of 1,234" with Previous / Next — for cursor pagination, where only neighbours are reachable. */
export function Pager({ page, pageSize, shown, total, hasPrev, hasNext, onPrev, onNext, noun = 'entities' }: Props) {
  const start = shown ? (page - 1) * pageSize + 1 : 0;
  const end = (page - 1) * pageSize + shown;
  const fmt = (n: number) => n.toLocaleString('en-US');
  return (
    <Group justify="space-between" py="xs">
      <Text size="sm" c="dimmed" data-testid="pager-summary">
        {total === undefined ? `${fmt(start)}–${fmt(end)}` : `${fmt(start)}–${fmt(end)} of ${fmt(total)} ${noun}`}
      </Text>
      <Group gap="xs">
        <Button size="xs" variant="default" disabled={!hasPrev} onClick={onPrev}>
          Previous
        </Button>
        <Button size="xs" variant="default" disabled={!hasNext} onClick={onNext}>
          Next
        </Button>
      </Group>
    </Group>
  );
}
