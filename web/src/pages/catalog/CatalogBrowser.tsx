// The catalog list: facet panel, text search and a server-paginated table, all driven by the URL.
// Used by /catalog (every kind) and /apis (kind fixed to API).
import { useEffect, useState } from 'react';
import { Button, Grid, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCatalogFacets, useEntityQuery } from '../../api/hooks';
import { EntityTable, TABLE_FIELDS, type Column } from '../../components/EntityTable';
import { ErrorState } from '../../components/ErrorState';
import { Pager } from '../../components/Pager';
import { NavIcon } from '../../layout/NavIcon';
import {
  buildFilter,
  FULL_TEXT_FIELDS,
  orderFieldOf,
  PAGE_SIZE,
  sortOf,
  toggleFacet,
  toggleSort,
  type CatalogSearch,
  type FacetKey,
} from '../../lib/catalogSearch';
import { FacetPanel } from './FacetPanel';

type Props = {
  path: '/catalog' | '/apis';
  /** Filter statements always applied, e.g. `kind=api`. */
  fixed?: string[];
  hiddenFacets?: FacetKey[];
  columns?: Column[];
  noun: string;
};

export function CatalogBrowser({ path, fixed, hiddenFacets, columns, noun }: Props) {
  const search: CatalogSearch = useSearch({ from: path });
  const navigate = useNavigate();
  const go = (next: CatalogSearch, replace = false) => void navigate({ to: path, search: next, replace });

  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text, 250);
  // The header search can change q from outside; follow it.
  useEffect(() => setText(search.q ?? ''), [search.q]);
  useEffect(() => {
    const q = debounced.trim() || undefined;
    if (q !== search.q) go({ ...search, q, cursor: undefined, page: undefined }, true);
    // Only the typed text drives this effect; the URL is read, not watched.
  }, [debounced]);

  const filter = buildFilter(search, { fixed });
  const list = useEntityQuery({
    filter: filter ? [filter] : undefined,
    fullTextFilterTerm: search.q,
    fullTextFilterFields: FULL_TEXT_FIELDS,
    orderField: orderFieldOf(search),
    cursor: search.cursor,
    limit: PAGE_SIZE,
    fields: TABLE_FIELDS,
  });
  const facets = useCatalogFacets(search, { fixed, hidden: hiddenFacets });
  const page = search.page ?? 1;
  // Clearing filters keeps the text and the order the user chose.
  const kept = { q: search.q, sort: search.sort, dir: search.dir };
  const data = list.data;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 3, lg: 2.5 }}>
        <Paper withBorder p="md">
          <FacetPanel
            search={search}
            counts={facets.counts}
            hidden={hiddenFacets}
            onToggle={(key, value) => go(toggleFacet(search, key, value))}
            onClear={() => go(kept)}
          />
          {facets.error ? <ErrorState error={facets.error} title="Could not load filters" /> : null}
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9, lg: 9.5 }}>
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              placeholder={`Search ${noun} by name, title or description`}
              aria-label={`Search ${noun}`}
              leftSection={<NavIcon name="search" size={16} />}
              rightSection={list.isFetching ? <Loader size={14} /> : null}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <Text size="sm" c="dimmed" miw={110} ta="right" data-testid="result-count">
              {data ? `${data.totalItems.toLocaleString('en-US')} ${noun}` : ''}
            </Text>
          </Group>
          <Paper withBorder>
            {list.error ? (
              <ErrorState error={list.error} title="Could not load the catalog" />
            ) : !data ? (
              <Group justify="center" p="xl">
                <Loader size="sm" />
              </Group>
            ) : data.items.length === 0 ? (
              <Stack align="center" p="xl" gap="xs">
                <Text fw={500}>No {noun} match</Text>
                <Text size="sm" c="dimmed">
                  Try fewer filters or a shorter search term.
                </Text>
                <Button size="xs" variant="light" onClick={() => go({ sort: search.sort, dir: search.dir })}>
                  Clear filters and search
                </Button>
              </Stack>
            ) : (
              <EntityTable entities={data.items} columns={columns} label={`${noun} list`} sort={sortOf(search)}
                onSort={(key) => go(toggleSort(search, key))} />
            )}
          </Paper>
          {data && data.items.length > 0 ? (
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              shown={data.items.length}
              total={data.totalItems}
              noun={noun}
              hasPrev={page > 1 && Boolean(data.pageInfo.prevCursor)}
              hasNext={Boolean(data.pageInfo.nextCursor)}
              onPrev={() => go({ ...search, cursor: page > 2 ? data.pageInfo.prevCursor : undefined, page: page > 2 ? page - 1 : undefined })}
              onNext={() => go({ ...search, cursor: data.pageInfo.nextCursor, page: page + 1 })}
            />
          ) : null}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
