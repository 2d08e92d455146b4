// A JSON Schema as a compact property table, nested objects indented; `$ref`s show the schema name
// (linking to its entry in the Schemas section) instead of expanding, which keeps cycles finite.
import { Anchor, Badge, Box, Code, Group, Stack, Text } from '@mantine/core';
import { arr, deref, flattenAllOf, obj, refName, str, typeLabel, type Obj } from './doc';

const MAX_DEPTH = 3;

function TypeText({ schema }: { schema: unknown }) {
  const ref = str(obj(schema)?.$ref) ?? str(obj(obj(schema)?.items)?.$ref);
  const label = typeLabel(schema);
  if (ref?.startsWith('#/')) {
    return (
      <Anchor href={`#schema-${refName(ref)}`} size="xs" ff="monospace">
        {label}
      </Anchor>
    );
  }
  return (
    <Text span size="xs" ff="monospace" c="grape">
      {label}
    </Text>
  );
}

function Properties({ doc, schema, depth }: { doc: Obj; schema: Obj; depth: number }) {
  const props = Object.entries(obj(schema.properties) ?? {});
  const required = new Set(arr(schema.required).map(String));
  if (props.length === 0) return null;
  return (
    <Stack gap={4} pl={depth ? 'md' : 0} style={depth ? { borderLeft: '1px solid var(--mantine-color-default-border)' } : undefined}>
      {props.map(([name, raw]) => {
        const p = obj(raw) ?? {};
        const nested = !p.$ref && depth < MAX_DEPTH ? (obj(p.properties) ? p : obj(p.items)?.properties && !obj(p.items)?.$ref ? obj(p.items) : undefined) : undefined;
        return (
          <Box key={name}>
            <Group gap={8} wrap="nowrap" align="baseline">
              <Text size="xs" ff="monospace" fw={600}>
                {name}
              </Text>
              <TypeText schema={p} />
              {required.has(name) ? <Badge size="xs" color="red" variant="light">required</Badge> : null}
              {str(p.description) ? <Text size="xs" c="dimmed">{str(p.description)}</Text> : null}
            </Group>
            {nested ? <Properties doc={doc} schema={nested} depth={depth + 1} /> : null}
          </Box>
        );
      })}
    </Stack>
  );
}

/** Renders a schema; a top-level `$ref` is resolved once so bodies show their fields. */
export function SchemaView({ doc, schema, expandRef = true }: { doc: Obj; schema: unknown; expandRef?: boolean }) {
  const resolved = expandRef ? deref(doc, schema) : obj(schema);
  const top = obj(schema);
  if (!resolved) return <Text size="xs" c="dimmed">No schema.</Text>;
  const items = resolved.type === 'array' ? deref(doc, resolved.items) : undefined;
  const base = items && (obj(items.properties) || items.allOf) ? items : resolved;
  const body = flattenAllOf(doc, base);
  return (
    <Stack gap={6}>
      <Group gap={6}>
        <TypeText schema={top} />
        {str(resolved.description) && top?.$ref ? <Text size="xs" c="dimmed">{str(resolved.description)}</Text> : null}
      </Group>
      <Properties doc={doc} schema={body} depth={0} />
      {resolved.example !== undefined ? (
        <Code block fz={11}>{JSON.stringify(resolved.example, null, 2)}</Code>
      ) : null}
    </Stack>
  );
}
