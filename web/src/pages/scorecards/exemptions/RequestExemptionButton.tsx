// Ask for an exemption of one rule for one entity: a button that opens a modal with the reason and the
// expiry. Self-contained so any page (the entity's Scorecards tab, the exemptions page) can place it.
import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useAuth } from '../../../auth/AuthProvider';
import { useRequestExemption } from './exemptionsApi';

export type RequestExemptionButtonProps = { scorecardRef: string; entityRef: string; ruleId: string; ruleTitle?: string | null };

const DAY_MS = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

export function RequestExemptionButton({ scorecardRef, entityRef, ruleId, ruleTitle }: RequestExemptionButtonProps) {
  const auth = useAuth();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(() => dateIn(30));
  const request = useRequestExemption();
  if (!auth.can('scorecards.exemption.request')) return null;

  const close = () => {
    setOpened(false);
    request.reset();
  };
  const submit = () => {
    // The exemption lapses at the end of the chosen day (UTC).
    const expiresAt = `${expires}T23:59:59.000Z`;
    request.mutate({ scorecardRef, entityRef, ruleId, reason: reason.trim(), expiresAt }, { onSuccess: () => setReason('') });
  };
  const tooShort = reason.trim().length < 10;

  return (
    <>
      <Button size="xs" variant="subtle" onClick={() => setOpened(true)} aria-label={`Request an exemption of ${ruleTitle ?? ruleId}`}>
        Request exemption
      </Button>
      <Modal opened={opened} onClose={close} title="Request an exemption" centered>
        {request.isSuccess ? (
          <Stack gap="sm">
            <Alert color="green" variant="light" title="Requested">
              A platform engineer decides on it; until then the rule counts as it is. Track it on the exemptions page.
            </Alert>
            <Group justify="flex-end"><Button onClick={close}>Close</Button></Group>
          </Stack>
        ) : (
          <Stack gap="sm">
            <Text size="sm">
              Rule <b>{ruleTitle ?? ruleId}</b> of <Text span ff="monospace" size="sm">{scorecardRef}</Text> for{' '}
              <Text span ff="monospace" size="sm">{entityRef}</Text>. Once approved it counts as met until it expires.
            </Text>
            <Textarea label="Reason" description="Why the rule cannot be met now, and what you do instead" autosize minRows={3} maxLength={2000}
              value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
            <TextInput type="date" label="Expires" description="At the end of this day (UTC); at most a year ahead"
              min={dateIn(1)} max={dateIn(364)} value={expires} onChange={(e) => setExpires(e.currentTarget.value)} required />
            {request.error ? <Alert color="red" variant="light" title="Could not request">{request.error.message}</Alert> : null}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close}>Cancel</Button>
              <Button onClick={submit} loading={request.isPending} disabled={tooShort || !expires}>Send request</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
