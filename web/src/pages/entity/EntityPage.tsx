// /catalog/:namespace/:kind/:name — one entity: header, tabs (Overview, API definition, Raw YAML,
// Errors). The tab lives in the URL (?tab=yaml) so it can be linked.
import { Badge, Grid, Loader, Stack, Tabs } from '@mantine/core';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { isNotFound } from '../../api/client';
import { useEntity } from '../../api/hooks';
import type { Entity } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { AboutCard } from './AboutCard';
import { ApiDefinitionTab } from './ApiDefinitionTab';
import { EntityHeader } from './EntityHeader';
import { ErrorsTab } from './ErrorsTab';
import { EntityDocsTab, hasDocs } from '../docs/EntityDocsTab';
import { KindOverview } from './KindOverview';
import { RawYamlTab } from './RawYamlTab';
import { RelationsGraph } from './RelationsGraph';
import { RelationsList } from './RelationsList';
import { EntityScorecardsTab } from '../scorecards/EntityScorecardsTab';

function Overview({ entity }: { entity: Entity }) {
  return (
    <Stack gap="md">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <AboutCard entity={entity} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <RelationsGraph entity={entity} />
        </Grid.Col>
      </Grid>
      <KindOverview entity={entity} />
      <RelationsList relations={entity.relations ?? []} />
    </Stack>
  );
}

export function EntityPage() {
  const { namespace, kind, name } = useParams({ from: '/catalog/$namespace/$kind/$name' });
  const { tab } = useSearch({ from: '/catalog/$namespace/$kind/$name' });
  const navigate = useNavigate({ from: '/catalog/$namespace/$kind/$name' });
  const q = useEntity(kind, namespace, name);

  if (q.isLoading) return <Loader size="sm" />;
  if (q.error || !q.data) {
    return (
      <>
        <PageHeader title={name} description={`${kind} in namespace ${namespace}`} />
        <ErrorState error={q.error} title={isNotFound(q.error) ? 'Entity not found' : 'Could not load the entity'} />
      </>
    );
  }
  const entity = q.data;
  const isApi = entity.kind.toLowerCase() === 'api';
  const errorCount = (entity.status?.items ?? []).length;
  const active = tab === 'api' && !isApi ? 'overview' : (tab ?? 'overview');

  return (
    <>
      <EntityHeader entity={entity} />
      <Tabs
        value={active}
        onChange={(v) => void navigate({ search: v && v !== 'overview' ? { tab: v } : {}, replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          {isApi ? <Tabs.Tab value="api">API definition</Tabs.Tab> : null}
          {hasDocs(entity) ? <Tabs.Tab value="docs">Docs</Tabs.Tab> : null}
          <Tabs.Tab value="scorecards">Scorecards</Tabs.Tab>
          <Tabs.Tab value="yaml">Raw YAML</Tabs.Tab>
          <Tabs.Tab
            value="errors"
            rightSection={errorCount ? <Badge size="xs" color="red" variant="filled" circle>{errorCount}</Badge> : null}
          >
            Errors
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Overview entity={entity} />
        </Tabs.Panel>
        {isApi ? (
          <Tabs.Panel value="api">
            <ApiDefinitionTab entity={entity} />
          </Tabs.Panel>
        ) : null}
        {hasDocs(entity) ? (
          <Tabs.Panel value="docs">
            <EntityDocsTab entity={entity} />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="scorecards">
          <EntityScorecardsTab entity={entity} />
        </Tabs.Panel>
        <Tabs.Panel value="yaml">
          <RawYamlTab entity={entity} />
        </Tabs.Panel>
        <Tabs.Panel value="errors">
          <ErrorsTab entity={entity} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
