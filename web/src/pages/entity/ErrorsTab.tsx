import { Alert, Code, Stack, Text } from '@mantine/core';
import type { Entity } from '../../api/types';

const COLOR = { error: 'red', warning: 'yellow', info: 'blue' } as const;

export function ErrorsTab({ entity }: { entity: Entity }) {
  const items = entity.status?.items ?? [];
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No processing errors: the catalog processed this entity cleanly.
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {items.map((item, i) => (
        <Alert key={i} color={COLOR[item.level]} variant="light" title={`${item.level}: ${item.error?.name ?? item.type}`}>
          <Stack gap={4}>
            <Text size="sm" style={{ wordBreak: 'break-word' }}>{item.message}</Text>
            <Text size="xs" c="dimmed">
              <Code>{item.type}</Code>
            </Text>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
