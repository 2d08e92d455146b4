// Small pieces shared by the golden path pages and the GoldenPath entity card.
import { Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import type { GoldenPathSummary, TeamConformance } from './goldenPathQueries';

const TIER_COLORS: Record<string, string> = { supported: 'teal', community: 'blue', deprecated: 'red' };

export function TierBadge({ tier }: { tier: string }) {
  return (
    <Badge color={TIER_COLORS[tier] ?? 'gray'} variant="light" data-testid="tier-badge">
      {tier}
    </Badge>
  );
}

export function VersionBadge({ version }: { version: string }) {
  return (
    <Badge color="gray" variant="outline" tt="none" data-testid="version-badge">
      v{version}
    </Badge>
  );
}

const STATUS_COLORS = { current: 'teal', older: 'yellow', unknown: 'gray' } as const;

export function StatusBadge({ status }: { status: keyof typeof STATUS_COLORS }) {
  return (
    <Badge size="sm" color={STATUS_COLORS[status]} variant="light">
      {status}
    </Badge>
  );
}

const pct = (n: number, of: number) => (of > 0 ? (n / of) * 100 : 0);

/** Services on a path: current, older and unknown version as one bar. */
export function AdoptionBar({ adoption }: { adoption: GoldenPathSummary['adoption'] }) {
  const { total, current, older, unknownVersion } = adoption;
  return (
    <div data-testid="adoption">
      <Progress.Root size="lg" aria-label={`${current} of ${total} services on the current version`}>
        <Tooltip label={`${current} on the current version`}>
          <Progress.Section value={pct(current, total)} color="teal" />
        </Tooltip>
        <Tooltip label={`${older} on an older version`}>
          <Progress.Section value={pct(older, total)} color="yellow" />
        </Tooltip>
        <Tooltip label={`${unknownVersion} with an unknown version`}>
          <Progress.Section value={pct(unknownVersion, total)} color="gray" />
        </Tooltip>
      </Progress.Root>
      <Text size="xs" c="dimmed" mt={4} data-testid="adoption-text">
        {total === 0 ? 'No services yet' : `${total} service${total === 1 ? '' : 's'} · ${current} current · ${older} older${unknownVersion ? ` · ${unknownVersion} unknown` : ''}`}
      </Text>
    </div>
  );
}

/** One row per team: its share of Components on a golden path, split current/older. */
export function TeamShares({ teams }: { teams: TeamConformance[] }) {
  if (teams.length === 0) return <Text size="sm" c="dimmed">No teams own components yet.</Text>;
  return (
    <div data-testid="team-shares">
      {teams.map((t) => (
        <Group key={t.owner} gap="sm" wrap="nowrap" py={4} data-testid="team-share" data-owner={t.owner}>
          <Text size="sm" w={170} style={{ flexShrink: 0 }} truncate title={t.owner}>
            {t.owner.replace(/^group:default\//, '')}
          </Text>
          <Progress.Root size="md" style={{ flex: 1 }} aria-label={`${t.owner}: ${Math.round(t.share * 100)}% on a golden path`}>
            <Progress.Section value={pct(t.current, t.components)} color="teal" />
            <Progress.Section value={pct(t.older, t.components)} color="yellow" />
          </Progress.Root>
          <Text size="sm" w={96} style={{ flexShrink: 0 }} ta="right" c="dimmed">
            {t.onPath}/{t.components} · {Math.round(t.share * 100)}%
          </Text>
        </Group>
      ))}
    </div>
  );
}
