// /docs — every docs site Paved has built, with its page and error counts.
import { Badge, Loader, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useDocsSites } from './docsApi';

export function DocsIndexPage() {
  const q = useDocsSites();
  return (
    <>
      <PageHeader title="Docs" description="Documentation built from the catalog's sources (backstage.io/techdocs-ref), rebuilt when the source changes." />
      {q.isLoading ? <Loader size="sm" /> : null}
      {q.error ? <ErrorState error={q.error} title="Could not load the docs sites" /> : null}
      {q.data && q.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">No docs yet: annotate an entity with <code>backstage.io/techdocs-ref: dir:.</code> next to an mkdocs.yml.</Text>
      ) : null}
      {q.data && q.data.items.length > 0 ? (
        <Table className="paved-table" aria-label="docs sites" striped={false} highlightOnHover={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Site</Table.Th>
              <Table.Th>Entity</Table.Th>
              <Table.Th>Pages</Table.Th>
              <Table.Th>Problems</Table.Th>
              <Table.Th>Built</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((s) => (
              <Table.Tr key={s.entityRef}>
                <Table.Td>
                  <Link to="/docs/$namespace/$kind/$name/$" params={{ namespace: s.namespace, kind: s.kind.toLowerCase(), name: s.name, _splat: '' }} className="paved-link">
                    {s.title}
                  </Link>
                </Table.Td>
                <Table.Td><Text size="sm" ff="monospace">{s.entityRef}</Text></Table.Td>
                <Table.Td>{s.pageCount}</Table.Td>
                <Table.Td>{s.errorCount > 0 ? <Badge color="orange" variant="light">{s.errorCount}</Badge> : <Text size="sm" c="dimmed">none</Text>}</Table.Td>
                <Table.Td><Text size="sm">{s.builtAt ? new Date(s.builtAt).toLocaleString() : 'not built'}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </>
  );
}
