// /golden-paths — every golden path as a card (tier, version, owner, adoption), conformance per team,
// and the Components on no golden path.
import { Alert, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { AdoptionBar, TeamShares, TierBadge, VersionBadge } from './GoldenPathBits';
import { useGoldenPaths, type GoldenPathSummary } from './goldenPathQueries';

function PathCard({ path }: { path: GoldenPathSummary }) {
  return (
    <Card withBorder padding="md" data-testid="golden-path-card" data-name={path.name}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Link to="/golden-paths/$namespace/$name" params={{ namespace: path.namespace, name: path.name }} className="paved-link">
            <Text fw={600}>{path.title ?? path.name}</Text>
          </Link>
          <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
            <VersionBadge version={path.version} />
            <TierBadge tier={path.supportTier} />
          </Group>
        </Group>
        <Text size="sm" c="dimmed" lineClamp={2}>
          {path.description ?? ''}
        </Text>
        <Group gap={6}>
          <Text size="xs" c="dimmed">Owner</Text>
          <EntityRefLink entityRef={path.owner} />
          <Text size="xs" c="dimmed">· {path.standardCount} standards</Text>
        </Group>
        <AdoptionBar adoption={path.adoption} />
      </Stack>
    </Card>
  );
}

export function GoldenPathsPage() {
  const q = useGoldenPaths();
  if (q.error) return <ErrorState error={q.error} title="Could not load golden paths" unavailableHint="This server has no golden paths API." />;
  const data = q.data;
  const c = data?.components;
  return (
    <>
      <PageHeader
        title="Golden paths"
        description={c ? `${c.onPath} of ${c.total} components follow a golden path (${c.current} on the current version, ${c.older} behind); ${c.unpaved} follow none.` : 'Loading…'}
      />
      <Stack gap="lg">
        {data && data.errors.length > 0 ? (
          <Alert color="red" variant="light" title="Golden path descriptors with errors" data-testid="golden-path-errors">
            {data.errors.map((e) => (
              <Text size="sm" key={`${e.locationKey}:${e.line}:${e.path}`}>
                {e.locationKey}{e.line ? `:${e.line}` : ''}: {e.path ? `${e.path}: ` : ''}{e.message}
              </Text>
            ))}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
          {(data?.items ?? []).map((p) => <PathCard key={p.entityRef} path={p} />)}
        </SimpleGrid>
        {data && data.items.length === 0 ? <Text c="dimmed">No golden paths in the catalog yet: register a golden-path.yaml.</Text> : null}
        <Card withBorder padding="md">
          <Title order={4} mb="xs">Conformance per team</Title>
          <Text size="xs" c="dimmed" mb="sm">Share of each team's components on a golden path: current version (green) and behind (yellow).</Text>
          <TeamShares teams={data?.teams ?? []} />
        </Card>
        <Card withBorder padding="md" data-testid="unpaved">
          <Title order={4} mb="xs">Components on no golden path ({c?.unpaved ?? 0})</Title>
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Type</Table.Th><Table.Th>Owner</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(c?.unpavedItems ?? []).map((x) => (
                <Table.Tr key={x.entityRef}>
                  <Table.Td><EntityRefLink entityRef={x.entityRef} label={x.title ?? x.name} /></Table.Td>
                  <Table.Td>{x.type ?? ''}</Table.Td>
                  <Table.Td>{x.owner ? <EntityRefLink entityRef={x.owner} /> : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {c && c.unpavedItems.length < c.unpaved ? <Text size="xs" c="dimmed" mt="xs">First {c.unpavedItems.length} of {c.unpaved} shown.</Text> : null}
        </Card>
      </Stack>
    </>
  );
}
