// /initiatives — every initiative with its status, progress and target date; admins create one here.
import { Button, Card, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { CreateInitiativeForm } from './CreateInitiativeForm';
import { ProgressBar, StatusBadge } from './InitiativeBits';
import { useInitiatives } from './initiativeQueries';

export function InitiativesPage() {
  const q = useInitiatives();
  const auth = useAuth();
  const [creating, setCreating] = useState(false);
  if (q.error) return <ErrorState error={q.error} title="Could not load initiatives" unavailableHint="This server has no initiatives API." />;
  const items = q.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Initiatives"
        description="Campaigns to bring entities up to some rules of a scorecard by a date; progress as of the last evaluation."
        actions={auth.can('initiatives.manage') ? <Button onClick={() => setCreating((c) => !c)} variant={creating ? 'default' : 'filled'}>{creating ? 'Cancel' : 'New initiative'}</Button> : null}
      />
      <Stack gap="lg">
        {creating ? <CreateInitiativeForm onDone={() => setCreating(false)} /> : null}
        <Card withBorder padding="md">
          <Table fz="sm" verticalSpacing={6} data-testid="initiatives-table">
            <Table.Thead>
              <Table.Tr><Table.Th>Initiative</Table.Th><Table.Th>Status</Table.Th><Table.Th w="30%">Progress</Table.Th><Table.Th>Target date</Table.Th><Table.Th>Owner</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.name} data-name={i.name}>
                  <Table.Td>
                    <Link to="/initiatives/$name" params={{ name: i.name }} className="paved-link"><Text fw={600} size="sm">{i.title}</Text></Link>
                    <Text size="xs" c="dimmed">{i.name}</Text>
                  </Table.Td>
                  <Table.Td><StatusBadge status={i.status} /></Table.Td>
                  <Table.Td><ProgressBar {...i.progress} /></Table.Td>
                  <Table.Td>{i.targetDate}</Table.Td>
                  <Table.Td><EntityRefLink entityRef={i.owner} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {q.data && items.length === 0 ? <Text c="dimmed" size="sm" mt="sm">No initiatives yet.</Text> : null}
        </Card>
      </Stack>
    </>
  );
}
