// The filter side panel: one checkbox list per facet, values with counts from the server.
import { useState } from 'react';
import { Anchor, Checkbox, Group, Skeleton, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import type { FacetCount } from '../../api/types';
import { FACETS, type CatalogSearch, type FacetDef, type FacetKey } from '../../lib/catalogSearch';

const SHOWN = 8;

type SectionProps = {
  def: FacetDef;
  values: FacetCount[] | undefined;
  selected: string[];
  onToggle(value: string): void;
};

function FacetSection({ def, values, selected, onToggle }: SectionProps) {
  const [expanded, setExpanded] = useState(false);
  const [needle, setNeedle] = useState('');
  const list = [...(values ?? [])];
  // Selected values stay listed even when the current filter leaves them no matches.
  for (const s of selected) if (!list.some((v) => v.value === s)) list.push({ value: s, count: 0 });
  list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const filtered = needle ? list.filter((v) => v.value.toLowerCase().includes(needle.toLowerCase())) : list;
  const shown = expanded || needle ? filtered.slice(0, 200) : filtered.slice(0, SHOWN);
  const headingId = `facet-${def.key}`;

  return (
    <Stack gap={6} role="group" aria-labelledby={headingId} data-facet={def.key}>
      <Text id={headingId} size="xs" fw={700} tt="uppercase" c="dimmed" lts={0.4}>
        {def.label}
      </Text>
      {values === undefined ? (
        <Stack gap={6}>
          <Skeleton h={14} w="70%" />
          <Skeleton h={14} w="55%" />
        </Stack>
      ) : list.length === 0 ? (
        <Text size="xs" c="dimmed">
          None
        </Text>
      ) : (
        <>
          {list.length > SHOWN * 2 ? (
            <TextInput size="xs" placeholder={`Filter ${def.label.toLowerCase()}s`} value={needle}
              onChange={(e) => setNeedle(e.currentTarget.value)} aria-label={`Filter ${def.label} values`} />
          ) : null}
          {shown.map((v) => (
            <Group key={v.value} justify="space-between" wrap="nowrap" gap={6}>
              <Checkbox
                size="xs"
                label={v.value}
                checked={selected.includes(v.value)}
                onChange={() => onToggle(v.value)}
                styles={{ label: { wordBreak: 'break-all' } }}
              />
              <Text size="xs" c="dimmed" ff="monospace" aria-label={`${v.count} entities`}>
                {v.count}
              </Text>
            </Group>
          ))}
          {!needle && filtered.length > SHOWN ? (
            <UnstyledButton onClick={() => setExpanded((x) => !x)}>
              <Text size="xs" c="indigo">
                {expanded ? 'Show fewer' : `Show all ${filtered.length}`}
              </Text>
            </UnstyledButton>
          ) : null}
        </>
      )}
    </Stack>
  );
}

type Props = {
  search: CatalogSearch;
  counts: Partial<Record<FacetKey, FacetCount[]>>;
  hidden?: FacetKey[];
  onToggle(key: FacetKey, value: string): void;
  onClear(): void;
};

export function FacetPanel({ search, counts, hidden, onToggle, onClear }: Props) {
  const anySelected = FACETS.some((f) => (search[f.key]?.length ?? 0) > 0);
  return (
    <Stack gap="lg" component="aside" aria-label="Filters">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          Filters
        </Text>
        {anySelected ? (
          <Anchor component="button" size="xs" onClick={onClear}>
            Clear all
          </Anchor>
        ) : null}
      </Group>
      {FACETS.filter((f) => !hidden?.includes(f.key)).map((f) => (
        <FacetSection key={f.key} def={f} values={counts[f.key]} selected={search[f.key] ?? []}
          onToggle={(v) => onToggle(f.key, v)} />
      ))}
    </Stack>
  );
}
