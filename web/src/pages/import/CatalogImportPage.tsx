// /catalog-import — register a location: analyse it first (dry run: what would be added), then
// register. Analysing makes the server read the location, so it needs `catalog.location.analyze`;
// registering needs `catalog.location.create`.
import { useState } from 'react';
import { Alert, Button, Card, Grid, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addLocation, getLocations } from '../../api/catalog';
import type { AddLocationResponse } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { EntityTable } from '../../components/EntityTable';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';

const TYPES = [
  { value: 'url', label: 'URL' },
  { value: 'file', label: 'File on the server' },
  { value: 'git', label: 'Git repository' },
];

const PLACEHOLDER: Record<string, string> = {
  url: 'https://github.com/org/repo/blob/main/catalog-info.yaml',
  file: '/srv/catalog/catalog-info.yaml',
  git: 'https://github.com/org/repo.git',
};

function Result({ result, dryRun }: { result: AddLocationResponse; dryRun: boolean }) {
  const n = result.entities.length;
  return (
    <Card withBorder padding="md" data-testid={dryRun ? 'dry-run-result' : 'register-result'}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>
            {dryRun ? `${n} entit${n === 1 ? 'y' : 'ies'} would be added` : `Registered: ${n} entit${n === 1 ? 'y' : 'ies'}`}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">{result.location.type}:{result.location.target}</Text>
        </Group>
        {result.exists ? (
          <Alert color="yellow" variant="light">This location is already registered; registering again refreshes it.</Alert>
        ) : null}
        {n ? <EntityTable entities={result.entities} columns={['name', 'kind', 'type', 'owner']} /> : null}
      </Stack>
    </Card>
  );
}

export function CatalogImportPage() {
  const auth = useAuth();
  const client = useQueryClient();
  const [type, setType] = useState('url');
  const [target, setTarget] = useState('');
  const location = { type, target: target.trim() };
  const locations = useQuery({ queryKey: ['locations'], queryFn: ({ signal }) => getLocations(signal) });
  const dryRun = useMutation({ mutationFn: () => addLocation(location, true) });
  const register = useMutation({
    mutationFn: () => addLocation(location, false),
    onSuccess: () => void client.invalidateQueries(),
  });
  const canRegister = auth.can('catalog.location.create');
  const canAnalyse = auth.can('catalog.location.analyze');
  const analysed = dryRun.data && dryRun.data.location.target === location.target && dryRun.data.location.type === type;

  return (
    <>
      <PageHeader title="Register an existing component"
        description="Point Paved at a catalog-info.yaml (or a Location file listing several). Analyse first to see what would be added." />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <Card withBorder padding="md">
              <form onSubmit={(e) => { e.preventDefault(); register.reset(); dryRun.mutate(); }}>
                <Stack gap="sm">
                  <Group align="flex-end" wrap="wrap">
                    <Stack gap={4}>
                      <Text size="sm" fw={500} id="location-type">Type</Text>
                      <SegmentedControl data={TYPES} value={type} onChange={setType} aria-labelledby="location-type" />
                    </Stack>
                    <TextInput label="Target" placeholder={PLACEHOLDER[type]} value={target} style={{ flex: 1, minWidth: 280 }}
                      onChange={(e) => setTarget(e.currentTarget.value)} required />
                  </Group>
                  <Group justify="flex-end">
                    <Button type="submit" variant={analysed ? 'default' : 'filled'} loading={dryRun.isPending} disabled={!location.target || !canAnalyse}>
                      Analyse
                    </Button>
                    {canRegister ? (
                      <Button onClick={() => register.mutate()} loading={register.isPending} disabled={!analysed || register.isSuccess}>
                        Register
                      </Button>
                    ) : null}
                  </Group>
                  {!canRegister || !canAnalyse ? (
                    <Text size="xs" c="dimmed">
                      Analysing and registering need the catalog.location.analyze and catalog.location.create
                      permissions: sign in with a token that has them.
                    </Text>
                  ) : null}
                </Stack>
              </form>
            </Card>
            {dryRun.error ? <ErrorState error={dryRun.error} title="Analysis failed" /> : null}
            {register.error ? <ErrorState error={register.error} title="Registration failed" /> : null}
            {register.data ? <Result result={register.data} dryRun={false} /> : dryRun.data ? <Result result={dryRun.data} dryRun /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder padding="md">
            <Text fw={600} mb="xs">Registered locations</Text>
            {locations.error ? (
              <ErrorState error={locations.error} title="Could not list locations" />
            ) : (
              <Stack gap={6}>
                {(locations.data ?? []).map((l) => (
                  <Group key={l.id} gap={8} wrap="nowrap">
                    <Text size="xs" c="dimmed" w={40}>{l.type}</Text>
                    <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>{l.target}</Text>
                  </Group>
                ))}
                {locations.data?.length === 0 ? <Text size="sm" c="dimmed">None yet.</Text> : null}
              </Stack>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
