// A team's (group's) scores on its page: per scorecard, the levels of the entities it owns, and their trend.
import { Card, Grid, Loader, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { Entity } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { DistributionBar } from './levelBits';
import { LevelTrend } from './LevelTrend';
import { useOwnerScores, type OwnerScores } from './scorecardQueries';

function TeamScore({ item, owner }: { item: OwnerScores['items'][number]; owner: string }) {
  const sc = item.scorecard;
  return (
    <Grid gap="md" data-testid="team-scorecard" data-name={sc.name} align="center">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Link to="/scorecards/$namespace/$name" params={{ namespace: sc.namespace, name: sc.name }} search={{ owner }} className="paved-link">
          <Text fw={600}>{sc.title ?? sc.name}</Text>
        </Link>
        <Text size="xs" c="dimmed" mb={4} data-testid="team-scorecard-entities">{item.entities} owned entities scored</Text>
        <DistributionBar levels={sc.levels} distribution={item.distribution} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <LevelTrend levels={sc.levels} history={item.history} h={140} />
      </Grid.Col>
    </Grid>
  );
}

export function TeamScoresCard({ entity }: { entity: Entity }) {
  const q = useOwnerScores(entity.kind, entity.metadata.namespace ?? 'default', entity.metadata.name);
  return (
    <Card withBorder padding="md" data-testid="team-scores">
      <Title order={4} mb="xs">Scores</Title>
      {q.isLoading ? <Loader size="sm" /> : q.error || !q.data ? (
        <ErrorState error={q.error} title="Could not load scores" unavailableHint="This server has no scorecards API." />
      ) : q.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">No scorecard scores what this team owns.</Text>
      ) : (
        <Stack gap="lg">{q.data.items.map((i) => <TeamScore key={i.scorecard.entityRef} item={i} owner={q.data.owner} />)}</Stack>
      )}
    </Card>
  );
}
