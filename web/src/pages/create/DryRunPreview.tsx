// What the template would do, from POST /v2/dry-run: the files it would write (a tree; pick one to read
// it), the entity it would register (catalog-info.yaml), its steps, log and output. Nothing is hidden.
import { useMemo, useState } from 'react';
import { Accordion, Alert, Badge, Box, Card, Grid, Group, ScrollArea, Stack, Table, Text, Title, Tree, getTreeExpandedState, useTree, type TreeNodeData } from '@mantine/core';
import { parseAllDocuments } from 'yaml';
import type { DryRunResult } from '../../api/scaffolder';
import { CodeBlock } from '../../components/CodeBlock';
import { EntityRefLink } from '../../components/EntityRefLink';
import { StepStatusIcon } from './taskBits';

type File = DryRunResult['directoryContents'][number];

const CATALOG_INFO = /(^|\/)catalog-info\.ya?ml$/;

/** Base64 → text, or null for binary content. */
export function decodeFile(base64: string): string | null {
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function buildTree(files: File[]): TreeNodeData[] {
  const root: TreeNodeData[] = [];
  const dirs = new Map<string, TreeNodeData>();
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  for (const f of sorted) {
    const parts = f.path.split('/').filter(Boolean);
    let level = root;
    let prefix = '';
    parts.forEach((part, i) => {
      prefix = prefix ? `${prefix}/${part}` : part;
      if (i === parts.length - 1) {
        level.push({ value: prefix, label: part });
        return;
      }
      let dir = dirs.get(prefix);
      if (!dir) {
        dir = { value: `${prefix}/`, label: part, children: [] };
        dirs.set(prefix, dir);
        level.push(dir);
      }
      level = dir.children ?? [];
    });
  }
  // Directories first, then files, each by name.
  const order = (nodes: TreeNodeData[]): TreeNodeData[] =>
    nodes
      .map((n) => (n.children ? { ...n, children: order(n.children) } : n))
      .sort((a, b) => Number(!a.children) - Number(!b.children) || String(a.label).localeCompare(String(b.label)));
  return order(root);
}

function FileTree({ files, selected, onSelect }: { files: File[]; selected: string; onSelect(path: string): void }) {
  const data = useMemo(() => buildTree(files), [files]);
  const tree = useTree({
    initialExpandedState: getTreeExpandedState(data, '*'),
    selectedState: [selected],
    onSelectedStateChange: (s) => {
      const v = s[s.length - 1];
      if (v && !v.endsWith('/')) onSelect(v);
    },
  });
  return (
    <Tree data={data} tree={tree} selectOnClick aria-label="Files the template would write" data-testid="dry-run-tree"
      onKeyDown={(e) => {
        // Arrow keys move between nodes (Mantine); Enter opens the focused file.
        const v = (e.target as HTMLElement).dataset.value;
        if (e.key === 'Enter' && v && !v.endsWith('/')) onSelect(v);
      }}
      renderNode={({ node, expanded, hasChildren, selected: isSelected, elementProps }) => (
        <Group gap={6} wrap="nowrap" {...elementProps} data-testid={hasChildren ? 'dry-run-dir' : 'dry-run-file'} data-path={node.value}
          style={{ ...elementProps.style, cursor: 'pointer', padding: '2px 6px', borderRadius: 4,
            background: isSelected && !hasChildren ? 'var(--mantine-primary-color-light)' : undefined }}>
          <Text size="xs" c="dimmed" w={12} aria-hidden="true">{hasChildren ? (expanded ? '▾' : '▸') : ''}</Text>
          <Text size="sm" ff={hasChildren ? undefined : 'monospace'} fw={hasChildren ? 600 : 400}>{node.label}</Text>
        </Group>
      )} />
  );
}

type Registered = { kind?: string; name?: string; namespace?: string; owner?: string; type?: string; lifecycle?: string; system?: string; tags?: string[] };

function summarise(yamlText: string): Registered[] {
  try {
    return parseAllDocuments(yamlText).map((d) => d.toJS() as unknown).filter((x): x is Record<string, unknown> => !!x && typeof x === 'object').map((e) => {
      const meta = (e.metadata ?? {}) as Record<string, unknown>;
      const spec = (e.spec ?? {}) as Record<string, unknown>;
      const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
      return {
        kind: s(e.kind), name: s(meta.name), namespace: s(meta.namespace), owner: s(spec.owner), type: s(spec.type),
        lifecycle: s(spec.lifecycle), system: s(spec.system), tags: Array.isArray(meta.tags) ? meta.tags.map(String) : undefined,
      };
    });
  } catch {
    return [];
  }
}

function RegisteredEntity({ file }: { file: File }) {
  const text = decodeFile(file.base64Content) ?? '';
  const entities = summarise(text);
  return (
    <Card withBorder padding="md" data-testid="dry-run-entity">
      <Title order={5} mb={4}>Entity it would register</Title>
      <Text size="xs" c="dimmed" mb="sm">From <code>{file.path}</code>, registered in the catalog by the template's catalog:register step.</Text>
      {entities.length === 0 ? <Alert color="yellow" variant="light">catalog-info.yaml could not be parsed as YAML.</Alert> : null}
      {entities.map((e, i) => (
        <Table key={i} fz="sm" verticalSpacing={2} mb="sm" withRowBorders={false}>
          <Table.Tbody>
            <Table.Tr><Table.Th w={110}>Kind</Table.Th><Table.Td data-testid="dry-run-entity-kind">{e.kind ?? '—'}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>Name</Table.Th><Table.Td data-testid="dry-run-entity-name">{e.namespace && e.namespace !== 'default' ? `${e.namespace}/` : ''}{e.name ?? '—'}</Table.Td></Table.Tr>
            {e.type ? <Table.Tr><Table.Th>Type</Table.Th><Table.Td>{e.type}</Table.Td></Table.Tr> : null}
            {e.owner ? <Table.Tr><Table.Th>Owner</Table.Th><Table.Td><EntityRefLink entityRef={e.owner} defaultKind="group" /></Table.Td></Table.Tr> : null}
            {e.system ? <Table.Tr><Table.Th>System</Table.Th><Table.Td><EntityRefLink entityRef={e.system} defaultKind="system" /></Table.Td></Table.Tr> : null}
            {e.lifecycle ? <Table.Tr><Table.Th>Lifecycle</Table.Th><Table.Td>{e.lifecycle}</Table.Td></Table.Tr> : null}
            {e.tags?.length ? <Table.Tr><Table.Th>Tags</Table.Th><Table.Td><Group gap={4}>{e.tags.map((t) => <Badge key={t} size="xs" variant="light">{t}</Badge>)}</Group></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      ))}
      <CodeBlock code={text} label="catalog-info.yaml" />
    </Card>
  );
}

export function DryRunPreview({ result }: { result: DryRunResult }) {
  const files = result.directoryContents;
  const catalogInfo = files.filter((f) => CATALOG_INFO.test(f.path)).sort((a, b) => a.path.length - b.path.length)[0];
  const [selected, setSelected] = useState<string>(() => catalogInfo?.path ?? files[0]?.path ?? '');
  const file = files.find((f) => f.path === selected);
  const content = file ? decodeFile(file.base64Content) : null;
  const states = result.stepStates ?? [];
  return (
    <Stack gap="md" data-testid="dry-run">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder padding="sm" h="100%">
            <Text fw={600} size="sm" mb="xs">{files.length} file{files.length === 1 ? '' : 's'} it would write</Text>
            <ScrollArea.Autosize mah={480}>
              {files.length ? <FileTree files={files} selected={selected} onSelect={setSelected} /> : <Text size="sm" c="dimmed">No files.</Text>}
            </ScrollArea.Autosize>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {file ? (
            <Box data-testid="dry-run-content" data-path={file.path}>
              <Group justify="space-between" mb={6}>
                <Text size="sm" ff="monospace" fw={600}>{file.path}</Text>
                <Text size="xs" c="dimmed">{file.executable ? 'executable · ' : ''}{Math.floor((file.base64Content.length * 3) / 4)} bytes</Text>
              </Group>
              {content === null ? <Text size="sm" c="dimmed">Binary file — not shown.</Text> : <CodeBlock code={content} label={file.path} />}
            </Box>
          ) : <Text size="sm" c="dimmed">Choose a file to see its content.</Text>}
        </Grid.Col>
      </Grid>
      {catalogInfo ? <RegisteredEntity file={catalogInfo} /> : (
        <Alert color="gray" variant="light">The template writes no catalog-info.yaml: it registers no new entity.</Alert>
      )}
      <Accordion variant="separated" multiple>
        <Accordion.Item value="steps">
          <Accordion.Control>Steps ({result.steps.length})</Accordion.Control>
          <Accordion.Panel>
            <Stack gap={4}>
              {result.steps.map((s) => {
                const st = states.find((x) => x.id === s.id);
                return (
                  <Group key={s.id} gap="xs" wrap="nowrap">
                    <StepStatusIcon status={st?.status ?? 'completed'} />
                    <Text size="sm">{s.name}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">{s.action}</Text>
                    {st?.error ? <Text size="xs" c="red">{st.error}</Text> : null}
                  </Group>
                );
              })}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="log">
          <Accordion.Control>Log ({result.log.length} lines)</Accordion.Control>
          <Accordion.Panel>
            <CodeBlock code={result.log.map((l) => `${l.body.stepId ? `[${l.body.stepId}] ` : ''}${l.body.message}`).join('\n')} label="Dry-run log" />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="output">
          <Accordion.Control>Output</Accordion.Control>
          <Accordion.Panel>
            <CodeBlock code={JSON.stringify(result.output, null, 2)} label="Dry-run output" />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
