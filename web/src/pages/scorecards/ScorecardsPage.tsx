// /scorecards — every scorecard as a card: title, owner, how many entities it scores, their levels.
import { Button, Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { DistributionBar } from './levelBits';
import { useScorecards, type ScorecardSummary } from './scorecardQueries';

function ScorecardCard({ card }: { card: ScorecardSummary }) {
  return (
    <Card withBorder padding="md" data-testid="scorecard-card" data-name={card.name}>
      <Stack gap="xs">
        <Link to="/scorecards/$namespace/$name" params={{ namespace: card.namespace, name: card.name }} className="paved-link">
          <Text fw={600}>{card.title ?? card.name}</Text>
        </Link>
        <Text size="sm" c="dimmed" lineClamp={2}>{card.description ?? ''}</Text>
        <Group gap={6}>
          <Text size="xs" c="dimmed">Owner</Text>
          <EntityRefLink entityRef={card.owner} />
          <Text size="xs" c="dimmed" data-testid="scorecard-meta">· {card.entities} entities · {card.rules} rules · {card.levels.join(' → ')}</Text>
        </Group>
        <DistributionBar levels={card.levels} distribution={card.distribution} />
      </Stack>
    </Card>
  );
}

export function ScorecardsPage() {
  const q = useScorecards();
  if (q.error) return <ErrorState error={q.error} title="Could not load scorecards" unavailableHint="This server has no scorecards API." />;
  const items = q.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Scorecards"
        description="Standards over catalog data: each entity reaches a level when it passes every rule of that level and those below."
        actions={
          // The editor's route (pages/scorecards/editor) is built separately: a plain link until then.
          <Button component="a" href="/scorecards/new" variant="light" data-testid="new-scorecard">New scorecard</Button>
        }
      />
      {q.isLoading ? <Loader size="sm" /> : null}
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        {items.map((c) => <ScorecardCard key={c.entityRef} card={c} />)}
      </SimpleGrid>
      {q.data && items.length === 0 ? <Text c="dimmed">No scorecards yet: register a Scorecard descriptor (kind Scorecard, paved.dev/v1alpha1).</Text> : null}
    </>
  );
}
