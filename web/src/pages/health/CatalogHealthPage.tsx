// /catalog-health — what needs fixing in the catalog: totals, entities with errors, orphans,
// entities without a valid owner, and the ingestion error log with file and line.
import { Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getCatalogHealth } from '../../api/catalog';
import type { HealthSummary } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { EntityRefLink } from '../../components/EntityRefLink';
import { KindBadge } from '../../components/KindBadge';
import { ErrorLog } from './ErrorLog';

const UNAVAILABLE = 'This server does not report catalog health (a Paved-only route); it looks like a plain Backstage-compatible catalog.';

function Stat({ label, value, color, testId }: { label: string; value: number; color?: string; testId: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>{label}</Text>
      <Text fz={28} fw={700} c={value > 0 ? color : undefined}>{value.toLocaleString('en-US')}</Text>
    </Card>
  );
}

function SummaryList({ title, items, empty, total, testId }: { title: string; items: HealthSummary[]; empty: string; total: number; testId: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed">{total}</Text>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">{empty}</Text>
      ) : (
        <Stack gap={8}>
          {items.map((s) => (
            <Stack key={s.entityRef} gap={0}>
              <Group gap={6} wrap="nowrap">
                <KindBadge kind={s.kind} size="xs" />
                <EntityRefLink entityRef={s.entityRef} label={s.title ?? (s.namespace === 'default' ? s.name : `${s.namespace}/${s.name}`)} />
              </Group>
              <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>{s.reason}</Text>
            </Stack>
          ))}
          {total > items.length ? <Text size="xs" c="dimmed">and {total - items.length} more</Text> : null}
        </Stack>
      )}
    </Card>
  );
}

export function CatalogHealthPage() {
  const health = useQuery({ queryKey: ['health'], queryFn: ({ signal }) => getCatalogHealth(signal) });
  const h = health.data;
  return (
    <>
      <PageHeader title="Catalog health" description="Processing errors, orphaned entities and missing owners — what to fix first." />
      {health.isLoading ? (
        <Loader size="sm" />
      ) : health.error || !h ? (
        <ErrorState error={health.error} title="Could not load catalog health" unavailableHint={UNAVAILABLE} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
            <Stat label="Entities" value={h.totals.entities} testId="total-entities" />
            <Stat label="Catalog errors" value={h.totals.errors} color="red" testId="total-errors" />
            <Stat label="Orphans" value={h.totals.orphans} color="orange" testId="total-orphans" />
            <Stat label="Without valid owner" value={h.totals.ownerless} color="yellow.7" testId="total-ownerless" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
            <SummaryList title="Entities with errors" items={h.withErrors} total={h.withErrors.length}
              empty="No entity has processing errors." testId="with-errors" />
            <SummaryList title="Orphans" items={h.orphans} total={h.totals.orphans}
              empty="No orphaned entities." testId="orphans" />
            <SummaryList title="Without a valid owner" items={h.ownerless} total={h.totals.ownerless}
              empty="Every entity has an owner that exists." testId="ownerless" />
          </SimpleGrid>
        </Stack>
      )}
      <Stack mt="lg">
        <ErrorLog hideWhenUnavailable={Boolean(health.error)} />
      </Stack>
    </>
  );
}
