// /scorecards/:namespace/:name — one scorecard: its levels today and per day, per team, per rule
// (pass rates and fix texts) and the entities it scores.
import { Button, Card, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { isNotFound } from '../../api/client';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { DistributionBar } from './levelBits';
import { LevelTrend } from './LevelTrend';
import { ScorecardEntitiesCard, type EntitiesView } from './ScorecardEntitiesCard';
import { ScorecardRulesTable } from './ScorecardRulesTable';
import { ScorecardTeamsTable } from './ScorecardTeamsTable';
import { useScorecard } from './scorecardQueries';

const FROM = '/scorecards/$namespace/$name';

export function ScorecardPage() {
  const { namespace, name } = useParams({ from: FROM });
  const search = useSearch({ from: FROM });
  const navigate = useNavigate({ from: FROM });
  const q = useScorecard(namespace, name);
  if (q.isLoading) return <Loader size="sm" />;
  if (q.error || !q.data) {
    return (
      <>
        <PageHeader title={name} description={`Scorecard in namespace ${namespace}`} />
        <ErrorState error={q.error} title={isNotFound(q.error) ? 'Scorecard not found' : 'Could not load the scorecard'} />
      </>
    );
  }
  const d = q.data;
  const view: EntitiesView = { level: search.level ?? null, owner: search.owner ?? null, page: search.page ?? 1 };
  const setView = (v: EntitiesView) => void navigate({
    search: { ...(v.level ? { level: v.level } : {}), ...(v.owner ? { owner: v.owner } : {}), ...(v.page > 1 ? { page: v.page } : {}) },
    replace: true,
  });
  return (
    <>
      <PageHeader
        title={d.title ?? d.name}
        description={<>{d.description ? `${d.description} ` : ''}Owner <EntityRefLink entityRef={d.owner} /> · {d.entities} entities · {d.rules} rules</>}
        actions={
          // The editor (pages/scorecards/editor) is its own route: a plain link until it is merged.
          <Group gap="xs" wrap="nowrap" data-testid="scorecard-actions">
            <Button component="a" href={`/scorecards/${encodeURIComponent(d.namespace)}/${encodeURIComponent(d.name)}/edit`} variant="light" data-testid="edit-scorecard">Edit</Button>
          </Group>
        }
      />
      <Stack gap="lg">
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Card withBorder padding="md" h="100%" data-testid="scorecard-distribution">
              <Title order={4} mb="xs">Levels today</Title>
              <Text size="xs" c="dimmed" mb="sm">{d.levels.join(' → ')}: an entity reaches a level when it passes every rule of it and of the levels below.</Text>
              <DistributionBar levels={d.levels} distribution={d.distribution} />
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Card withBorder padding="md" data-testid="scorecard-trend">
              <Title order={4} mb="xs">Trend (last 90 days)</Title>
              <LevelTrend levels={d.levels} history={d.history} />
            </Card>
          </Grid.Col>
        </Grid>
        <Card withBorder padding="md">
          <Title order={4} mb="xs">Per team</Title>
          <ScorecardTeamsTable detail={d} onPick={(owner) => setView({ level: null, owner, page: 1 })} />
        </Card>
        <Card withBorder padding="md">
          <Title order={4} mb="xs">Rules</Title>
          <ScorecardRulesTable detail={d} />
        </Card>
        <ScorecardEntitiesCard detail={d} view={view} onChange={setView} />
      </Stack>
    </>
  );
}
