// The API definition: OpenAPI rendered for reading, anything else (gRPC, GraphQL, AsyncAPI, …)
// as its raw text.
import { useMemo, useState } from 'react';
import { Alert, Anchor, Collapse, Stack, Text } from '@mantine/core';
import type { Entity } from '../../api/types';
import { CodeBlock } from '../../components/CodeBlock';
import { specString } from '../../lib/entityRef';
import { parseDefinition } from './openapi/doc';
import { OpenApiView } from './openapi/OpenApiView';

export function ApiDefinitionTab({ entity }: { entity: Entity }) {
  const type = specString(entity, 'type')?.toLowerCase();
  const definition = specString(entity, 'definition');
  const [raw, setRaw] = useState(false);
  const parsed = useMemo(() => (type === 'openapi' && definition ? parseDefinition(definition) : undefined), [type, definition]);

  if (!definition) {
    return <Text size="sm" c="dimmed">This API has no definition.</Text>;
  }
  return (
    <Stack gap="lg">
      {parsed?.doc ? <OpenApiView doc={parsed.doc} /> : null}
      {parsed?.error ? (
        <Alert color="yellow" variant="light" title="Could not read the OpenAPI definition">
          {parsed.error}
        </Alert>
      ) : null}
      {parsed?.doc ? (
        <Stack gap={6} id="raw">
          <Anchor component="button" fw={600} onClick={() => setRaw((x) => !x)} aria-expanded={raw} style={{ alignSelf: 'flex-start' }}>
            {raw ? '▾' : '▸'} Raw definition
          </Anchor>
          <Collapse expanded={raw}>
            <CodeBlock code={definition} label="API definition" />
          </Collapse>
        </Stack>
      ) : (
        <Stack gap={6} id="raw">
          <Text fw={600}>Definition ({type ?? 'unknown type'})</Text>
          <CodeBlock code={definition} label="API definition" />
        </Stack>
      )}
    </Stack>
  );
}
