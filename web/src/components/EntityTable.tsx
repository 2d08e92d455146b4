// A dense table of entities. Columns are chosen by the caller (the catalog shows all of them,
// an "owned entities" card a few).
import type { CSSProperties } from 'react';
import { Badge, Group, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { Entity } from '../api/types';
import { SORT_FIELDS, type Sort, type SortKey } from '../lib/catalogSearch';
import { entityParams, errorItems, isOrphan, refOfEntity, specString } from '../lib/entityRef';
import { EntityRefLink } from './EntityRefLink';
import { kindColor } from './KindBadge';

export type Column = 'name' | 'kind' | 'type' | 'owner' | 'system' | 'lifecycle' | 'tags' | 'description';

/** The catalog's columns; the description shows under the name when it has no column of its own. */
export const ALL_COLUMNS: Column[] = ['name', 'kind', 'type', 'owner', 'system', 'lifecycle', 'tags'];

/** The fields the table needs, for the catalog's `fields=` projection. */
export const TABLE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
  'spec.profile.displayName',
  'status',
];

const HEADERS: Record<Column, string> = {
  name: 'Name',
  kind: 'Kind',
  type: 'Type',
  owner: 'Owner',
  system: 'System',
  lifecycle: 'Lifecycle',
  tags: 'Tags',
  description: 'Description',
};

// Fixed layout with relative widths: the table always fits its container and long values
// truncate (with the full value in a tooltip) instead of pushing columns off-screen.
const WIDTHS: Record<Column, number> = {
  name: 26, kind: 12, type: 9, owner: 14, system: 13, lifecycle: 12, tags: 14, description: 25,
};

const truncated: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };

const LIFECYCLE_COLORS: Record<string, string> = { production: 'green', experimental: 'yellow', deprecated: 'red' };

export function LifecycleBadge({ lifecycle }: { lifecycle: string }) {
  return (
    <Badge size="sm" variant="dot" color={LIFECYCLE_COLORS[lifecycle.toLowerCase()] ?? 'gray'} tt="none" style={{ overflow: 'visible' }}>
      {lifecycle}
    </Badge>
  );
}

function LifecycleText({ lifecycle }: { lifecycle: string }) {
  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      <span style={{ flexShrink: 0, display: 'inline-block', width: 7, height: 7, borderRadius: 4, background: `var(--mantine-color-${LIFECYCLE_COLORS[lifecycle.toLowerCase()] ?? 'gray'}-6)` }} />
      <Text size="sm" style={truncated} title={lifecycle}>{lifecycle}</Text>
    </Group>
  );
}

function NameCell({ entity, withDescription }: { entity: Entity; withDescription: boolean }) {
  const ref = refOfEntity(entity);
  const errors = errorItems(entity).length;
  const profile = entity.spec?.profile;
  const displayName = profile && typeof profile === 'object' && !Array.isArray(profile) ? profile.displayName : undefined;
  const title = entity.metadata.title ?? (typeof displayName === 'string' ? displayName : undefined);
  const name = ref.namespace === 'default' ? entity.metadata.name : `${ref.namespace}/${entity.metadata.name}`;
  return (
    <div style={{ minWidth: 0 }}>
      <Group gap={6} wrap="nowrap" align="baseline" style={{ minWidth: 0 }}>
        <Link style={truncated} to="/catalog/$namespace/$kind/$name" params={entityParams(ref)} className="paved-link">
          <Text span fw={500} size="sm">
            {title ?? name}
          </Text>
        </Link>
        {errors ? (
          <Tooltip label={`${errors} processing error${errors > 1 ? 's' : ''}`}>
            <Badge size="xs" color="red" variant="filled" style={{ flexShrink: 0 }}>
              {errors} error{errors > 1 ? 's' : ''}
            </Badge>
          </Tooltip>
        ) : null}
        {isOrphan(entity) ? <Badge size="xs" color="orange" variant="light" style={{ flexShrink: 0 }}>orphan</Badge> : null}
      </Group>
      {(title && title !== entity.metadata.name) || (withDescription && entity.metadata.description) ? (
        <Text size="xs" c="dimmed" style={truncated} title={entity.metadata.description}>
          {title && title !== entity.metadata.name ? <Text span ff="monospace" size="xs">{name}</Text> : null}
          {title && title !== entity.metadata.name && withDescription && entity.metadata.description ? ' · ' : null}
          {withDescription ? entity.metadata.description : null}
        </Text>
      ) : null}
    </div>
  );
}

function Cell({ column, entity, columns }: { column: Column; entity: Entity; columns: Column[] }) {
  const ns = entity.metadata.namespace ?? 'default';
  switch (column) {
    case 'name':
      return <NameCell entity={entity} withDescription={!columns.includes('description')} />;
    case 'kind':
      return (
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <span style={{ flexShrink: 0, display: 'inline-block', width: 8, height: 8, borderRadius: 2, background: `var(--mantine-color-${kindColor(entity.kind)}-5)` }} />
          <Text size="sm" style={truncated} title={entity.kind}>{entity.kind}</Text>
        </Group>
      );
    case 'type':
      return <Text size="sm" style={truncated}>{specString(entity, 'type') ?? ''}</Text>;
    case 'owner': {
      const owner = specString(entity, 'owner');
      return owner ? <div style={truncated} title={owner}><EntityRefLink entityRef={owner} defaultKind="group" defaultNamespace={ns} /></div> : null;
    }
    case 'system': {
      const system = specString(entity, 'system');
      return system ? <div style={truncated} title={system}><EntityRefLink entityRef={system} defaultKind="system" defaultNamespace={ns} /></div> : null;
    }
    case 'lifecycle': {
      const lc = specString(entity, 'lifecycle');
      return lc ? <LifecycleText lifecycle={lc} /> : null;
    }
    case 'tags':
      return (
        <Group gap={4}>
          {(entity.metadata.tags ?? []).slice(0, 4).map((t) => (
            <Badge key={t} size="xs" variant="outline" color="gray" tt="none">
              {t}
            </Badge>
          ))}
          {(entity.metadata.tags?.length ?? 0) > 4 ? <Text size="xs" c="dimmed">+{(entity.metadata.tags?.length ?? 0) - 4}</Text> : null}
        </Group>
      );
    case 'description':
      return (
        <Text size="sm" c="dimmed" lineClamp={2} title={entity.metadata.description}>
          {entity.metadata.description ?? ''}
        </Text>
      );
  }
}

const isSortKey = (c: Column): c is Column & SortKey => c in SORT_FIELDS;

function HeaderLabel({ column }: { column: Column }) {
  return (
    <Text span size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
      {HEADERS[column]}
    </Text>
  );
}

/** A header that orders the list when clicked; the arrow shows the current direction. */
function SortableHeader({ column, sort, onSort }: { column: Column & SortKey; sort: Sort; onSort(key: SortKey): void }) {
  const active = sort.key === column;
  const next = active && sort.dir === 'asc' ? 'descending' : 'ascending';
  return (
    <UnstyledButton onClick={() => onSort(column)} aria-label={`Sort by ${HEADERS[column].toLowerCase()}, ${next}`}
      className="paved-sort" data-active={active || undefined} data-sort={column}>
      <Group gap={4} wrap="nowrap">
        <HeaderLabel column={column} />
        <Text span size="xs" c={active ? 'var(--mantine-color-text)' : 'dimmed'} aria-hidden="true" className="paved-sort-arrow">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </Text>
      </Group>
    </UnstyledButton>
  );
}

type TableProps = {
  entities: Entity[];
  columns?: Column[];
  label?: string;
  /** With both, the name, kind, type, owner and lifecycle headers order the list. */
  sort?: Sort;
  onSort?(key: SortKey): void;
};

export function EntityTable({ entities, columns = ALL_COLUMNS, label, sort, onSort }: TableProps) {
  const total = columns.reduce((sum, c) => sum + WIDTHS[c], 0);
  const ariaSort = (c: Column) => (sort && sort.key === c ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined);
  return (
    <Table.ScrollContainer minWidth={columns.length > 4 ? 760 : 400}>
      <Table layout="fixed" className="paved-table" verticalSpacing={6} horizontalSpacing="sm" fz="sm" aria-label={label}
        highlightOnHover={false} striped={false}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c} style={{ width: `${(100 * WIDTHS[c]) / total}%` }} aria-sort={ariaSort(c)}>
                {sort && onSort && isSortKey(c) ? <SortableHeader column={c} sort={sort} onSort={onSort} /> : <HeaderLabel column={c} />}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entities.map((e) => (
            <Table.Tr key={`${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`} data-entity={e.metadata.name}>
              {columns.map((c) => (
                <Table.Td key={c}>
                  <Cell column={c} entity={e} columns={columns} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
