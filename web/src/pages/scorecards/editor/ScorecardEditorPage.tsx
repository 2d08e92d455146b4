// /scorecards/new and /scorecards/$namespace/$name/edit — a scorecard as YAML (the same text a file in
// a location holds), previewed before it is saved (ADR 0031). Saving needs `scorecards.write`; a
// scorecard from a file or git location is read-only here: edit the file.
import { useState } from 'react';
import { Alert, Button, Grid, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useAuth } from '../../../auth/AuthProvider';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { PreviewPanel } from './PreviewPanel';
import { getScorecardSource, previewScorecard, saveScorecard } from './scorecardEditorApi';
import { nameOfYaml, STARTER_YAML } from './starterYaml';

function ScorecardEditor({ initial, editable, location, fixedName }: { initial: string; editable: boolean; location?: string; fixedName?: { namespace: string; name: string } }) {
  const auth = useAuth();
  const client = useQueryClient();
  const [yaml, setYaml] = useState(initial);
  const preview = useMutation({ mutationFn: () => previewScorecard(yaml) });
  const save = useMutation({
    mutationFn: () => {
      const ref = fixedName ?? nameOfYaml(yaml);
      if (!ref) throw new Error('metadata.name: the scorecard needs a name');
      return saveScorecard(ref.namespace, ref.name, yaml);
    },
    onSuccess: () => void client.invalidateQueries(),
  });
  const previewed = preview.data;
  const canSave = editable && auth.can('scorecards.write');
  const saved = save.data;
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack gap="sm">
          {!editable ? (
            <Alert color="yellow" variant="light" title="Defined as code">
              This scorecard comes from <Text span ff="monospace" size="sm">{location}</Text>: edit the file there. You can still preview a change here.
            </Alert>
          ) : null}
          <Textarea label="Scorecard (YAML)" value={yaml} autosize minRows={20} maxRows={40} spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            onChange={(e) => { setYaml(e.currentTarget.value); preview.reset(); save.reset(); }} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => preview.mutate()} loading={preview.isPending} disabled={!auth.can('scorecards.preview')}>Preview</Button>
            {canSave ? <Button onClick={() => save.mutate()} loading={save.isPending}>Save</Button> : null}
          </Group>
          {editable && !auth.can('scorecards.write') ? <Text size="sm" c="dimmed">Saving a scorecard needs the scorecards.write permission (platform engineers).</Text> : null}
          {preview.error ? <ErrorState error={preview.error} title="The scorecard cannot be previewed" /> : null}
          {save.error ? <ErrorState error={save.error} title="The scorecard was not saved" /> : null}
          {saved ? (
            <Alert color="teal" variant="light" title={saved.created ? 'Scorecard created' : 'Scorecard saved'} data-testid="scorecard-saved">
              {saved.entityRef} is in the catalog ({saved.location}); its evaluation is queued.{' '}
              <Link to="/catalog" search={{ kind: ['scorecard'] }}>Scorecards in the catalog</Link>
            </Alert>
          ) : null}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        {previewed ? <PreviewPanel preview={previewed} /> : <Text c="dimmed" size="sm">Preview shows how many entities and which teams would gain or lose a level, before anything is saved.</Text>}
      </Grid.Col>
    </Grid>
  );
}

export function NewScorecardPage() {
  return (
    <>
      <PageHeader title="New scorecard" description="Write the scorecard, preview its effect on the catalog, then save it. It becomes a catalog entity like one from a file." />
      <ScorecardEditor initial={STARTER_YAML} editable />
    </>
  );
}

export function EditScorecardPage() {
  const { namespace, name } = useParams({ strict: false }) as { namespace: string; name: string };
  const source = useQuery({ queryKey: ['scorecard-source', namespace, name], queryFn: ({ signal }) => getScorecardSource(namespace, name, signal) });
  return (
    <>
      <PageHeader title={`Edit scorecard ${name}`} description="Preview first: the change's effect on every entity and team, before it is saved." />
      {source.error ? <ErrorState error={source.error} /> : null}
      {source.data ? <ScorecardEditor key={source.data.entityRef} initial={source.data.yaml} editable={source.data.editable} location={source.data.location} fixedName={{ namespace, name }} /> : null}
    </>
  );
}
