// /audit — who changed what, newest first. Filters and the paging position live in the URL;
// "Older" pages back from the last id shown (the API pages by id, not by offset).
import { useEffect, useState } from 'react';
import { Button, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { getAuditEvents } from '../../api/audit';
import { useAuth } from '../../auth/AuthProvider';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { AuditTable } from './AuditTable';
import { AUDIT_PAGE_SIZE, KNOWN_ACTIONS, type AuditSearch } from './auditSearch';

export function AuditPage() {
  const auth = useAuth();
  const search: AuditSearch = useSearch({ from: '/audit' });
  const navigate = useNavigate();
  const go = (next: AuditSearch, replace = false) => void navigate({ to: '/audit', search: next, replace });

  const [actor, setActor] = useState(search.actor ?? '');
  const [debouncedActor] = useDebouncedValue(actor, 300);
  useEffect(() => setActor(search.actor ?? ''), [search.actor]);
  useEffect(() => {
    const next = debouncedActor.trim() || undefined;
    if (next !== search.actor) go({ ...search, actor: next, before: undefined }, true);
    // Only the typed text drives this effect; the URL is read, not watched.
  }, [debouncedActor]);

  // One extra row tells whether there is an older page.
  const events = useQuery({
    queryKey: ['audit', search, auth.token],
    queryFn: ({ signal }) => getAuditEvents({ ...search, limit: AUDIT_PAGE_SIZE + 1 }, signal),
    placeholderData: keepPreviousData,
  });
  const items = events.data?.items.slice(0, AUDIT_PAGE_SIZE) ?? [];
  const hasOlder = (events.data?.items.length ?? 0) > AUDIT_PAGE_SIZE;
  const actions = search.action && !KNOWN_ACTIONS.includes(search.action) ? [...KNOWN_ACTIONS, search.action] : KNOWN_ACTIONS;

  return (
    <>
      <PageHeader title="Audit log" description="Every change to the catalog and to access, with who made it and how it ended." />
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap">
          <Select w={260} placeholder="All actions" aria-label="Action" data={actions} value={search.action ?? null} clearable searchable
            onChange={(v) => go({ ...search, action: v ?? undefined, before: undefined })} />
          <TextInput w={260} placeholder="Actor, e.g. token:admin" aria-label="Actor" value={actor}
            onChange={(e) => setActor(e.currentTarget.value)} />
          {search.action || search.actor ? (
            <Button size="xs" variant="subtle" onClick={() => go({})}>Clear filters</Button>
          ) : null}
          {events.isFetching ? <Loader size={14} /> : null}
        </Group>
        <Paper withBorder>
          {events.error ? (
            <ErrorState error={events.error} title="Could not load the audit log"
              unavailableHint="This server does not keep an audit log (a Paved-only route)." />
          ) : !events.data ? (
            <Group justify="center" p="xl"><Loader size="sm" /></Group>
          ) : items.length === 0 ? (
            <Text p="xl" ta="center" c="dimmed" size="sm">No events{search.action || search.actor ? ' match these filters' : ''}.</Text>
          ) : (
            <AuditTable events={items} onActor={(a) => go({ ...search, actor: a, before: undefined })}
              onAction={(a) => go({ ...search, action: a, before: undefined })} />
          )}
        </Paper>
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="audit-summary">
            {items.length ? `#${items[0]?.id} – #${items.at(-1)?.id}${search.before ? `, older than #${search.before}` : ', newest first'}` : ''}
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="default" disabled={!search.before} onClick={() => go({ ...search, before: undefined })}>Newest</Button>
            <Button size="xs" variant="default" disabled={!hasOlder} onClick={() => go({ ...search, before: items.at(-1)?.id })}>Older</Button>
          </Group>
        </Group>
      </Stack>
    </>
  );
}
