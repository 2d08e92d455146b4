// /scorecards/exemptions — exemptions of scorecard rules: who asked for what and why, what was decided,
// and, for platform engineers, the requests to decide (ADR 0028).
import { Button, Group, Loader, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useAuth } from '../../../auth/AuthProvider';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { ExemptionRow } from './ExemptionRow';
import { useExemptions } from './exemptionsApi';
import { STATUSES, type ExemptionsSearch } from './exemptionsSearch';
import { NewExemptionRequest } from './NewExemptionRequest';

const head = (label: string) => <Text span size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>{label}</Text>;

export function ExemptionsPage() {
  const auth = useAuth();
  const search: ExemptionsSearch = useSearch({ from: '/scorecards/exemptions' });
  const navigate = useNavigate({ from: '/scorecards/exemptions' });
  const [asking, setAsking] = useState(false);
  const list = useExemptions({ status: search.status });
  const items = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Exemptions"
        description="A rule waived for one entity, with a reason and an expiry. Approved, it counts as met until it expires by itself."
        actions={auth.can('scorecards.exemption.request') ? (
          <Button variant="light" size="sm" onClick={() => setAsking((a) => !a)}>{asking ? 'Close' : 'New request'}</Button>
        ) : null}
      />
      {asking ? <NewExemptionRequest /> : null}
      <Group mb="sm">
        <SegmentedControl size="xs" aria-label="status filter" value={search.status ?? 'all'}
          data={['all', ...STATUSES].map((s) => ({ value: s, label: s[0]?.toUpperCase() + s.slice(1) }))}
          onChange={(v) => void navigate({ search: v === 'all' ? {} : { status: v as ExemptionsSearch['status'] } })} />
      </Group>
      {list.error ? <ErrorState error={list.error} title="Could not load exemptions" /> : null}
      <Paper withBorder>
        {list.isLoading ? (
          <Group justify="center" p="xl"><Loader size="sm" /></Group>
        ) : items.length === 0 && !list.error ? (
          <Text p="xl" ta="center" c="dimmed" size="sm">No exemptions{search.status ? ` ${search.status}` : ''}.</Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table className="paved-table" verticalSpacing={8} horizontalSpacing="sm" aria-label="exemptions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={130}>{head('Status')}</Table.Th>
                  <Table.Th>{head('Entity')}</Table.Th>
                  <Table.Th>{head('Rule')}</Table.Th>
                  <Table.Th>{head('Reason')}</Table.Th>
                  <Table.Th>{head('Requested')}</Table.Th>
                  <Table.Th w={130}>{head('Expires')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>{items.map((e) => <ExemptionRow key={e.id} exemption={e} />)}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {list.data && list.data.totalItems > items.length ? <Text size="xs" c="dimmed" mt="xs">Showing the newest {items.length} of {list.data.totalItems}.</Text> : null}
    </>
  );
}
