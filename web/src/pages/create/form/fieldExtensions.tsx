// Backstage's built-in field extensions (`ui:field`), backed by Paved's catalog: OwnerPicker,
// EntityPicker (+ OwnedEntityPicker, MultiEntityPicker), EntityNamePicker, EntityTagsPicker,
// RepoUrlPicker and Secret. Their extra rules are checked in validate.ts.
import type { ComponentType } from 'react';
import { Autocomplete, Group, Input, MultiSelect, PasswordInput, Select, TagsInput, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getFacets, queryEntities } from '../../../api/catalog';
import type { Entity } from '../../../api/types';
import { stringifyEntityRef } from '../../../lib/entityRef';
import { common, fieldId, type FieldProps } from './fieldProps';
import { formatRepoUrl, parseRepoUrl } from './rules';

const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * `ui:options.catalogFilter` (an object, or a list of objects OR-ed together; a list of values OR-s
 * them; `{exists: true}` asks for the key to be present) as catalog `filter` parameters.
 */
export function catalogFilters(raw: unknown, fallbackKinds: string[]): string[] {
  const objects = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  const out: string[] = [];
  for (const obj of objects) {
    if (!obj || typeof obj !== 'object') continue;
    let combos: string[][] = [[]];
    for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
      const exists = !!value && typeof value === 'object' && !Array.isArray(value) && (value as { exists?: unknown }).exists === true;
      const terms = exists ? [key] : strings(value).map((v) => `${key}=${v}`);
      if (terms.length === 0) continue;
      combos = combos.flatMap((c) => terms.map((t) => [...c, t]));
    }
    for (const c of combos) if (c.length > 0) out.push(c.join(','));
  }
  if (out.length > 0) return out.slice(0, 20);
  return fallbackKinds.map((k) => `kind=${k}`);
}

const ENTITY_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.profile.displayName'];

function useEntityOptions(filters: string[]) {
  return useQuery({
    queryKey: ['scaffolder-entity-options', filters],
    queryFn: ({ signal }) => queryEntities({ filter: filters, orderField: 'metadata.name,asc', limit: 1000, fields: ENTITY_FIELDS }, signal),
    select: (page) => page.items.map(toOption),
    staleTime: 60_000,
  });
}

type Option = { value: string; label: string };

function toOption(e: Entity): Option {
  const ref = stringifyEntityRef({ kind: e.kind, namespace: e.metadata.namespace ?? 'default', name: e.metadata.name });
  const profile = e.spec?.profile as { displayName?: unknown } | undefined;
  const title = typeof profile?.displayName === 'string' ? profile.displayName : e.metadata.title;
  return { value: ref, label: title && title !== e.metadata.name ? `${title} (${ref})` : ref };
}

/** Keeps a value that is not among the options (typed earlier, or from a default) selectable. */
function withValue(options: Option[] | undefined, value: string[]): Option[] {
  const list = options ?? [];
  const missing = value.filter((v) => !list.some((o) => o.value === v)).map((v) => ({ value: v, label: v }));
  return [...missing, ...list];
}

function EntityPickerBase(p: FieldProps & { fallbackKinds: string[] }) {
  const o = p.ui.options;
  const kinds = strings(o.allowedKinds);
  const filters = catalogFilters(o.catalogFilter, kinds.length > 0 ? kinds : p.fallbackKinds);
  const q = useEntityOptions(filters);
  const value = typeof p.value === 'string' ? p.value : null;
  const error = p.error ?? (q.error ? `Could not load choices: ${q.error.message}` : undefined);
  if (o.allowArbitraryValues === true) {
    return (
      <Autocomplete {...common(p)} error={error} data={withValue(q.data, []).map((x) => x.value)} value={value ?? ''}
        onChange={(v) => p.onChange(v === '' ? undefined : v)} />
    );
  }
  return (
    <Select {...common(p)} error={error} data={withValue(q.data, value ? [value] : [])} value={value} searchable clearable={!p.required}
      nothingFoundMessage={q.isLoading ? 'Loading…' : 'Nothing matches'} onChange={(v) => p.onChange(v ?? undefined)}
      placeholder={p.ui.placeholder ?? (q.isLoading ? 'Loading…' : 'Choose…')} />
  );
}

function OwnerPicker(p: FieldProps) {
  return <EntityPickerBase {...p} fallbackKinds={['Group', 'User']} />;
}

function EntityPicker(p: FieldProps) {
  return <EntityPickerBase {...p} fallbackKinds={[]} />;
}

function MultiEntityPicker(p: FieldProps) {
  const o = p.ui.options;
  const kinds = strings(o.allowedKinds);
  const q = useEntityOptions(catalogFilters(o.catalogFilter, kinds));
  const value = strings(p.value);
  return (
    <MultiSelect {...common(p)} error={p.error ?? (q.error ? `Could not load choices: ${q.error.message}` : undefined)}
      data={withValue(q.data, value)} value={value} searchable clearable onChange={(v) => p.onChange(v.length ? v : undefined)} />
  );
}

function EntityNamePicker(p: FieldProps) {
  return (
    <TextInput {...common(p)} value={typeof p.value === 'string' ? p.value : ''} autoComplete="off" spellCheck={false}
      onChange={(e) => p.onChange(e.currentTarget.value)} />
  );
}

function EntityTagsPicker(p: FieldProps) {
  const kinds = strings(p.ui.options.kinds);
  const q = useQuery({
    queryKey: ['scaffolder-tags', kinds],
    queryFn: ({ signal }) => getFacets(['metadata.tags'], kinds.length === 1 ? `kind=${kinds[0]}` : undefined, signal),
    staleTime: 60_000,
  });
  const suggestions = (q.data?.facets['metadata.tags'] ?? []).map((f) => f.value);
  return (
    <TagsInput {...common(p)} data={suggestions} value={strings(p.value)} onChange={(v) => p.onChange(v.length ? v : undefined)}
      placeholder={p.ui.placeholder ?? 'Type a tag and press Enter'} splitChars={[',', ' ']} />
  );
}

function Secret(p: FieldProps) {
  return (
    <PasswordInput {...common(p)} value={typeof p.value === 'string' ? p.value : ''} autoComplete="new-password"
      onChange={(e) => p.onChange(e.currentTarget.value)} />
  );
}

/** Host, owner and repository, written as `host?owner=o&repo=r`. */
function RepoUrlPicker(p: FieldProps) {
  const o = p.ui.options;
  const hosts = strings(o.allowedHosts);
  const hostList = hosts.length > 0 ? hosts : ['paved'];
  const owners = strings(o.allowedOwners);
  const repos = strings(o.allowedRepos);
  const parts = parseRepoUrl(typeof p.value === 'string' ? p.value : '');
  const host = parts.host || hostList[0] || 'paved';
  const set = (change: Partial<typeof parts>) => {
    const next = { ...parts, host, ...change };
    p.onChange(next.owner === '' && next.repo === '' ? undefined : formatRepoUrl(next));
  };
  const id = fieldId(p.path);
  return (
    <Input.Wrapper labelElement="div" label={p.label} description={p.description} error={p.error} withAsterisk={p.required}>
      <Group gap="sm" align="flex-start" grow mt={4}>
        <Select id={`${id}-host`} label="Host" data={hostList} value={host} allowDeselect={false} disabled={p.ui.disabled}
          onChange={(v) => set({ host: v ?? host })}
          description={host === 'paved' || host === 'local' ? 'Hosted by Paved' : undefined} />
        {owners.length > 0 ? (
          <Select id={`${id}-owner`} label="Owner" data={owners} value={parts.owner || null} onChange={(v) => set({ owner: v ?? '' })} />
        ) : (
          <TextInput id={`${id}-owner`} label="Owner" value={parts.owner} autoComplete="off" spellCheck={false} autoFocus={p.ui.autofocus}
            description="Organisation or team" onChange={(e) => set({ owner: e.currentTarget.value.trim() })} />
        )}
        {repos.length > 0 ? (
          <Select id={`${id}-repo`} label="Repository" data={repos} value={parts.repo || null} onChange={(v) => set({ repo: v ?? '' })} />
        ) : (
          <TextInput id={`${id}-repo`} label="Repository" value={parts.repo} autoComplete="off" spellCheck={false}
            description="Name of the new repository" onChange={(e) => set({ repo: e.currentTarget.value.trim() })} />
        )}
      </Group>
      {typeof p.value === 'string' ? (
        <Text size="xs" c="dimmed" mt={6} data-testid="repo-url-value">
          Location: <code>{p.value}</code>
        </Text>
      ) : null}
    </Input.Wrapper>
  );
}

export const FIELD_EXTENSIONS: Record<string, ComponentType<FieldProps>> = {
  OwnerPicker,
  EntityPicker,
  OwnedEntityPicker: EntityPicker,
  MultiEntityPicker,
  EntityNamePicker,
  EntityTagsPicker,
  RepoUrlPicker,
  Secret,
};
