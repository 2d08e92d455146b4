// An OpenAPI document rendered for reading: info, servers, every operation (parameters, request
// body, responses) and the component schemas.
import { Accordion, Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { arr, deref, obj, operations, schemasOf, str, typeLabel, type Obj, type Operation } from './doc';
import { SchemaView } from './SchemaView';

const METHOD_COLORS: Record<string, string> = {
  get: 'blue', post: 'green', put: 'orange', patch: 'yellow', delete: 'red', head: 'gray', options: 'gray', trace: 'gray',
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <Badge color={METHOD_COLORS[method] ?? 'gray'} variant="filled" w={64} radius="sm" ff="monospace">
      {method.toUpperCase()}
    </Badge>
  );
}

function Parameters({ doc, params }: { doc: Obj; params: unknown[] }) {
  const list = params.map((p) => deref(doc, p)).filter((p): p is Obj => Boolean(p));
  if (!list.length) return null;
  return (
    <Stack gap={4}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">Parameters</Text>
      <Table fz="xs" verticalSpacing={4} withTableBorder>
        <Table.Thead>
          <Table.Tr><Table.Th>Name</Table.Th><Table.Th>In</Table.Th><Table.Th>Type</Table.Th><Table.Th>Description</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((p, i) => (
            <Table.Tr key={`${str(p.in)}:${str(p.name)}:${i}`}>
              <Table.Td ff="monospace" fw={600}>
                {str(p.name)}
                {p.required ? <Text span c="red"> *</Text> : null}
              </Table.Td>
              <Table.Td>{str(p.in)}</Table.Td>
              <Table.Td ff="monospace">{typeLabel(p.schema ?? p)}</Table.Td>
              <Table.Td>{str(p.description)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Content({ doc, content }: { doc: Obj; content: unknown }) {
  const entries = Object.entries(obj(content) ?? {});
  return (
    <Stack gap={6}>
      {entries.map(([type, media]) => (
        <Stack key={type} gap={4}>
          <Text size="xs" c="dimmed" ff="monospace">{type}</Text>
          <SchemaView doc={doc} schema={obj(media)?.schema} />
        </Stack>
      ))}
    </Stack>
  );
}

function OperationPanel({ doc, item }: { doc: Obj; item: Operation }) {
  const { op } = item;
  const body = deref(doc, op.requestBody);
  const responses = Object.entries(obj(op.responses) ?? {});
  // Swagger 2 puts the body in a parameter with in: body.
  const params = [...item.pathParams, ...arr(op.parameters)];
  return (
    <Stack gap="sm">
      {str(op.description) ? <Text size="sm">{str(op.description)}</Text> : null}
      <Parameters doc={doc} params={params} />
      {body ? (
        <Stack gap={4}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            Request body {body.required ? <Text span c="red">(required)</Text> : null}
          </Text>
          {str(body.description) ? <Text size="xs">{str(body.description)}</Text> : null}
          <Content doc={doc} content={body.content} />
        </Stack>
      ) : null}
      {responses.length ? (
        <Stack gap={4}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">Responses</Text>
          {responses.map(([code, raw]) => {
            const r = deref(doc, raw) ?? {};
            return (
              <Group key={code} align="flex-start" wrap="nowrap" gap="sm">
                <Badge variant="light" color={code.startsWith('2') ? 'green' : code.startsWith('4') || code.startsWith('5') ? 'red' : 'gray'}
                  radius="sm" ff="monospace" miw={48}>
                  {code}
                </Badge>
                <Stack gap={4} style={{ flex: 1 }}>
                  <Text size="sm">{str(r.description)}</Text>
                  {r.content ? <Content doc={doc} content={r.content} /> : r.schema ? <SchemaView doc={doc} schema={r.schema} /> : null}
                </Stack>
              </Group>
            );
          })}
        </Stack>
      ) : null}
    </Stack>
  );
}

export function OpenApiView({ doc }: { doc: Obj }) {
  const info = obj(doc.info) ?? {};
  const servers = arr(doc.servers).map(obj).filter((s): s is Obj => Boolean(s));
  const ops = operations(doc);
  const schemas = schemasOf(doc);
  return (
    <Stack gap="lg" data-testid="openapi">
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={3}>{str(info.title) ?? 'Untitled API'}</Title>
          {str(info.version) ? <Badge variant="light" tt="none">v{str(info.version)}</Badge> : null}
          <Badge variant="outline" color="gray" tt="none">
            {doc.openapi ? `OpenAPI ${str(doc.openapi)}` : `Swagger ${str(doc.swagger)}`}
          </Badge>
        </Group>
        {str(info.description) ? <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>{str(info.description)}</Text> : null}
      </Stack>
      {servers.length ? (
        <Card withBorder padding="sm">
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>Servers</Text>
          {servers.map((s) => (
            <Group key={str(s.url)} gap="sm">
              <Text size="sm" ff="monospace">{str(s.url)}</Text>
              {str(s.description) ? <Text size="sm" c="dimmed">{str(s.description)}</Text> : null}
            </Group>
          ))}
        </Card>
      ) : null}
      <Stack gap={6}>
        <Text fw={600}>Operations ({ops.length})</Text>
        <Accordion multiple variant="contained" chevronPosition="left">
          {ops.map((item) => (
            <Accordion.Item key={`${item.method} ${item.path}`} value={`${item.method} ${item.path}`}>
              <Accordion.Control>
                <Group gap="sm" wrap="nowrap">
                  <MethodBadge method={item.method} />
                  <Text ff="monospace" size="sm" fw={600}>{item.path}</Text>
                  <Text size="sm" c="dimmed" truncate>{str(item.op.summary) ?? str(item.op.operationId)}</Text>
                  {item.op.deprecated ? <Badge size="xs" color="gray">deprecated</Badge> : null}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <OperationPanel doc={doc} item={item} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Stack>
      {schemas.length ? (
        <Stack gap={6}>
          <Text fw={600}>Schemas ({schemas.length})</Text>
          <Accordion multiple variant="contained" chevronPosition="left">
            {schemas.map(([name, schema]) => (
              <Accordion.Item key={name} value={name} id={`schema-${name}`}>
                <Accordion.Control>
                  <Group gap="sm">
                    <Text ff="monospace" size="sm" fw={600}>{name}</Text>
                    <Text size="xs" c="dimmed">{typeLabel(schema)}</Text>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <SchemaView doc={doc} schema={schema} expandRef={false} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      ) : null}
      {!ops.length && !schemas.length ? (
        <Text size="sm" c="dimmed">The definition declares no operations. <Anchor href="#raw">See the raw text.</Anchor></Text>
      ) : null}
    </Stack>
  );
}
