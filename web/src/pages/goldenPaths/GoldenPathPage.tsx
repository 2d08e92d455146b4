// /golden-paths/:namespace/:name — one golden path: what it is, its standards (with how to fix each),
// the services on it by version, and each team's share.
import { Card, Grid, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { isNotFound } from '../../api/client';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { AdoptionBar, StatusBadge, TeamShares, TierBadge, VersionBadge } from './GoldenPathBits';
import { ServicesBehind } from './GoldenPathMigration';
import { useGoldenPath, type GoldenPathDetail } from './goldenPathQueries';

function checkText(check: GoldenPathDetail['standards'][number]['check']): string {
  const { type, ...params } = check;
  const args = Object.entries(params).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  return args.length ? `${type} (${args.join('; ')})` : type;
}

function Standards({ standards }: { standards: GoldenPathDetail['standards'] }) {
  return (
    <Card withBorder padding="md" data-testid="standards">
      <Title order={4} mb="sm">Standards ({standards.length})</Title>
      <Table fz="sm" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr><Table.Th>Standard</Table.Th><Table.Th>Check</Table.Th><Table.Th>How to fix</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {standards.map((s) => (
            <Table.Tr key={s.id} data-testid="standard" data-id={s.id}>
              <Table.Td><Text size="sm" fw={500}>{s.title}</Text><Text size="xs" c="dimmed" ff="monospace">{s.id}</Text></Table.Td>
              <Table.Td><Text size="xs" ff="monospace">{checkText(s.check)}</Text></Table.Td>
              <Table.Td><Text size="sm">{s.fix ?? s.description ?? ''}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Services({ d }: { d: GoldenPathDetail }) {
  return (
    <Card withBorder padding="md" data-testid="services">
      <Title order={4} mb="xs">Services on this path ({d.adoption.total})</Title>
      <AdoptionBar adoption={d.adoption} />
      {d.services.length === 0 ? <Text size="sm" c="dimmed" mt="sm">No services follow this path yet.</Text> : (
        <Table fz="sm" verticalSpacing={4} mt="sm">
          <Table.Thead>
            <Table.Tr><Table.Th>Service</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Version</Table.Th><Table.Th>Status</Table.Th><Table.Th>Via</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.services.map((s) => (
              <Table.Tr key={s.entityRef} data-testid="service" data-name={s.name} data-status={s.status}>
                <Table.Td><EntityRefLink entityRef={s.entityRef} label={s.title ?? s.name} /></Table.Td>
                <Table.Td>{s.owner ? <EntityRefLink entityRef={s.owner} /> : ''}</Table.Td>
                <Table.Td ff="monospace">{s.version ?? '—'}</Table.Td>
                <Table.Td><StatusBadge status={s.status} /></Table.Td>
                <Table.Td><Text size="xs" c="dimmed">{s.via === 'annotation' ? 'paved.dev/golden-path' : 'source template'}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {d.nextCursor ? <Text size="xs" c="dimmed" mt="xs">First {d.services.length} of {d.adoption.total} shown.</Text> : null}
    </Card>
  );
}

export function GoldenPathPage() {
  const { namespace, name } = useParams({ from: '/golden-paths/$namespace/$name' });
  const q = useGoldenPath(namespace, name);
  if (q.isLoading) return <Loader size="sm" />;
  if (q.error || !q.data) {
    return (
      <>
        <PageHeader title={name} description="Golden path" />
        <ErrorState error={q.error} title={isNotFound(q.error) ? 'Golden path not found' : 'Could not load the golden path'} />
      </>
    );
  }
  const d = q.data;
  const entityParams = { namespace: d.namespace, kind: 'goldenpath', name: d.name };
  return (
    <>
      <PageHeader
        title={<Group gap="sm">{d.title ?? d.name}<VersionBadge version={d.version} /><TierBadge tier={d.supportTier} /></Group>}
        description={d.description ?? undefined}
      />
      <Stack gap="md">
        <Card withBorder padding="md">
          <Group gap="xl" wrap="wrap">
            <Stack gap={2}><Text size="xs" c="dimmed" tt="uppercase" fw={600}>Owner</Text><EntityRefLink entityRef={d.owner} /></Stack>
            <Stack gap={2} data-testid="template-link">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>Template</Text>
              {d.templateExists ? <EntityRefLink entityRef={d.template} showKind /> : <Text size="sm">{d.template} (not in the catalog)</Text>}
            </Stack>
            <Stack gap={2}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>CI</Text>
              <Text size="sm">{d.ci ? `${d.ci.pattern ?? ''} · ${d.ci.providers.join(', ')}` : '—'}</Text>
            </Stack>
            <Stack gap={2} data-testid="docs-link">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>Docs</Text>
              {d.hasDocs ? (
                <Link to="/catalog/$namespace/$kind/$name" params={entityParams} search={{ tab: 'docs' }} className="paved-link">Read the docs</Link>
              ) : <Text size="sm" c="dimmed">none</Text>}
            </Stack>
            <Stack gap={2}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>Catalog</Text>
              <Link to="/catalog/$namespace/$kind/$name" params={entityParams} className="paved-link">Entity page</Link>
            </Stack>
          </Group>
        </Card>
        <Standards standards={d.standards} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 7 }}><Services d={d} /></Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Card withBorder padding="md">
              <Title order={4} mb="xs">Share per team</Title>
              <Text size="xs" c="dimmed" mb="sm">Each team's components on this path: current version (green) and behind (yellow).</Text>
              <TeamShares teams={d.teams} />
            </Card>
          </Grid.Col>
        </Grid>
        {d.adoption.older + d.adoption.unknownVersion > 0 ? <ServicesBehind namespace={d.namespace} name={d.name} /> : null}
      </Stack>
    </>
  );
}
