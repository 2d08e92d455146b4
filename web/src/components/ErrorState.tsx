// How a failed request looks. A 404 on a Paved-only route means the server is a plain
// Backstage-compatible catalog; say so instead of showing a raw error.
import { Alert, Text } from '@mantine/core';
import { ApiError } from '../api/client';

type Props = { error: unknown; title?: string; unavailableHint?: string };

export function ErrorState({ error, title = 'Request failed', unavailableHint }: Props) {
  const api = error instanceof ApiError ? error : null;
  if (api && api.status === 404 && unavailableHint) {
    return (
      <Alert color="gray" variant="light" title="Not available on this server">
        <Text size="sm">{unavailableHint}</Text>
      </Alert>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" variant="light" title={api ? `${title} (${api.status})` : title} role="alert">
      <Text size="sm" style={{ wordBreak: 'break-word' }}>
        {message}
      </Text>
    </Alert>
  );
}
