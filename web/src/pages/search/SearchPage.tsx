// /search?q=&type= — one search over docs and catalog entities, best matches first, with type badges.
// Keyboard: "/" focuses the input (header), ↓/↑ move through the results, Enter opens the selected one.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Badge, Group, Loader, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate, useSearch as useRouteSearch } from '@tanstack/react-router';
import type { SearchResult } from '../../../../src/contracts/docs';
import { ErrorState } from '../../components/ErrorState';
import { SearchBox, toSearchQuery } from '../../components/SearchBox';
import { PageHeader } from '../../components/PageHeader';
import { useSearch } from '../docs/docsApi';
import '../docs/docsContent.css';

export function SearchPage() {
  const search = useRouteSearch({ from: '/search' });
  const navigate = useNavigate({ from: '/search' });
  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text, 250);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // Set when a result is opened: the page stays mounted while the next route loads, and a debounced query
  // landing then must not navigate back to /search (Enter pressed within 250 ms of typing did exactly that).
  const leaving = useRef(false);
  useEffect(() => setText(search.q ?? ''), [search.q]);
  useEffect(() => {
    if (leaving.current) return;
    const q = toSearchQuery(debounced);
    if (q !== search.q) void navigate({ search: { ...search, q }, replace: true });
  }, [debounced]);
  useEffect(() => input.current?.focus(), []);

  const q = useSearch(search.q ?? '', search.type);
  const results = q.data?.results ?? [];
  useEffect(() => setActive(0), [q.data]);

  const open = (r: SearchResult) => {
    leaving.current = true;
    void navigate({ href: r.link });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, results.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter' && results[active]) open(results[active]);
    else return;
    e.preventDefault();
  };

  return (
    <>
      <PageHeader title="Search" description="Docs pages and catalog entities, best matches first" />
      <Stack gap="sm" maw={900} onKeyDown={onKeyDown}>
        <Group gap="sm" wrap="nowrap">
          <SearchBox ref={input} label="Search docs and catalog" value={text} onChange={setText} />
          <SegmentedControl
            aria-label="Result type"
            value={search.type ?? 'all'}
            onChange={(v) => void navigate({ search: { ...search, type: v === 'docs' || v === 'entity' ? v : undefined }, replace: true })}
            data={[{ value: 'all', label: 'All' }, { value: 'docs', label: 'Docs' }, { value: 'entity', label: 'Entities' }]}
          />
        </Group>
        {q.isFetching && !q.data ? <Loader size="sm" /> : null}
        {q.error ? <ErrorState error={q.error} title="Search failed" /> : null}
        {search.q && q.data && results.length === 0 ? <Text size="sm" c="dimmed">No results for “{search.q}”.</Text> : null}
        <Stack gap={6} role="listbox" aria-label="Search results">
          {results.map((r, i) => (
            <Paper
              key={`${r.type}:${r.link}:${i}`}
              withBorder
              p="sm"
              component="a"
              href={r.link}
              role="option"
              aria-selected={i === active}
              data-active={i === active}
              data-testid="search-result"
              className="paved-search-result"
              onMouseEnter={() => setActive(i)}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                open(r);
              }}
              style={{ textDecoration: 'none', color: 'inherit', display: 'block' }}
            >
              <ResultView r={r} />
            </Paper>
          ))}
        </Stack>
        {q.data?.hasMore ? <Text size="xs" c="dimmed">Showing the best {results.length}; refine the words for more.</Text> : null}
      </Stack>
    </>
  );
}

function ResultView({ r }: { r: SearchResult }) {
  const snippet = (
    <Text size="sm" c="dimmed" lineClamp={2}>
      {r.snippet.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </Text>
  );
  if (r.type === 'docs') {
    return (
      <Stack gap={2}>
        <Group gap="xs" wrap="nowrap">
          <Badge size="sm" variant="light" color="teal">Docs</Badge>
          <Text fw={600} size="sm" data-testid="search-result-title">{r.pageTitle}{r.heading ? ` › ${r.heading}` : ''}</Text>
        </Group>
        <Text size="xs" c="dimmed">{r.siteTitle} · {r.entityRef}</Text>
        {snippet}
      </Stack>
    );
  }
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="nowrap">
        <Badge size="sm" variant="light" color="indigo">{r.kind}</Badge>
        <Text fw={600} size="sm" data-testid="search-result-title">{r.title ?? r.name}</Text>
        {r.tags.slice(0, 4).map((t) => <Badge key={t} size="xs" variant="outline" color="gray">{t}</Badge>)}
      </Group>
      <Text size="xs" c="dimmed">{r.entityRef}{r.owner ? ` · owner ${r.owner}` : ''}</Text>
      {r.description ? <Text size="sm" lineClamp={2}>{r.description}</Text> : snippet}
    </Stack>
  );
}
