// The header's identity control: shows the actor and offers token sign-in / sign-out.
import { useState } from 'react';
import { Avatar, Badge, Button, Group, Menu, Modal, PasswordInput, Stack, Text, UnstyledButton } from '@mantine/core';
import { useAuth } from './AuthProvider';

function initials(name: string): string {
  const parts = name.replace(/\(.*\)/g, ' ').split(/[^A-Za-z0-9]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts[1]?.[0] ?? '')).toUpperCase();
}

export function ActorMenu() {
  const auth = useAuth();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const actor = auth.me?.actor;
  const signedIn = Boolean(auth.token);
  const name = actor?.displayName ?? (signedIn ? 'Signed in' : 'Guest');

  const submit = () => {
    auth.signIn(draft);
    setDraft('');
    setOpen(false);
  };

  return (
    <>
      <Menu position="bottom-end" width={260} withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={`Account: ${name}`} data-testid="actor">
            <Group gap={8} wrap="nowrap">
              <Avatar size={28} radius="xl" color={signedIn ? 'indigo' : 'gray'}>
                {initials(name)}
              </Avatar>
              <Text size="sm" fw={500} visibleFrom="sm" data-testid="actor-name">
                {name}
              </Text>
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {actor ? (
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  {actor.kind === 'guest' ? 'Browsing as guest (read-only)' : actor.ref}
                </Text>
                <Group gap={4}>
                  {auth.me?.permissions.length ? (
                    <Badge size="xs" variant="light">
                      {auth.me.permissions.length} permissions
                    </Badge>
                  ) : null}
                </Group>
              </Stack>
            ) : auth.unknown ? (
              <Text size="xs" c="dimmed">
                {signedIn ? `Token not accepted: ${auth.error?.message ?? ''}` : 'Identity unavailable on this server'}
              </Text>
            ) : null}
          </Menu.Label>
          {signedIn ? (
            <Menu.Item onClick={auth.signOut}>Sign out</Menu.Item>
          ) : (
            <Menu.Item onClick={() => setOpen(true)}>Sign in with a token…</Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={open} onClose={() => setOpen(false)} title="Sign in with an API token" centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              Paste a Paved API token (e.g. the admin token printed on first start). It is kept in this browser only.
            </Text>
            <PasswordInput
              label="Token"
              placeholder="pvd_…"
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={!draft.trim()}>
                Sign in
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
