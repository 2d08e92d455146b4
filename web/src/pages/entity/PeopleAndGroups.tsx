// Cards for the org chart: a group's members and sub-groups, a user's groups. Targets come from
// relations; their names and profiles from one by-refs lookup.
import { Avatar, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useEntitiesByRefs } from '../../api/hooks';
import type { Entity } from '../../api/types';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorState } from '../../components/ErrorState';
import { entityParams, entityTitle, refOfEntity } from '../../lib/entityRef';

const LIMIT = 200;
const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'spec.profile', 'spec.type'];

export function relationTargets(entity: Entity, type: string): string[] {
  return [...new Set((entity.relations ?? []).filter((r) => r.type === type).map((r) => r.targetRef))];
}

function profile(e: Entity): { displayName?: string; email?: string; picture?: string } {
  const p = e.spec?.profile;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return {};
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { displayName: s(p.displayName), email: s(p.email), picture: s(p.picture) };
}

function Person({ entity }: { entity: Entity }) {
  const p = profile(entity);
  const name = p.displayName ?? entityTitle(entity);
  return (
    <Group gap="sm" wrap="nowrap" data-member={entity.metadata.name}>
      <Avatar src={p.picture} size={34} radius="xl" color="pink" name={name} />
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Link to="/catalog/$namespace/$kind/$name" params={entityParams(refOfEntity(entity))} className="paved-link">
          <Text size="sm" fw={500} truncate>
            {name}
          </Text>
        </Link>
        <Text size="xs" c="dimmed" truncate>
          {p.email ?? entity.metadata.name}
        </Text>
      </Stack>
    </Group>
  );
}

function GroupRow({ entity }: { entity: Entity }) {
  const type = typeof entity.spec?.type === 'string' ? entity.spec.type : undefined;
  return (
    <Stack gap={0} data-group={entity.metadata.name}>
      <Link to="/catalog/$namespace/$kind/$name" params={entityParams(refOfEntity(entity))} className="paved-link">
        <Text size="sm" fw={500}>
          {profile(entity).displayName ?? entityTitle(entity)}
        </Text>
      </Link>
      <Text size="xs" c="dimmed">
        {[type, entity.metadata.name].filter(Boolean).join(' · ')}
      </Text>
    </Stack>
  );
}

type Props = { title: string; refs: string[]; empty: string; variant: 'people' | 'groups'; testId?: string };

export function RefEntitiesCard({ title, refs, empty, variant, testId }: Props) {
  const shown = refs.slice(0, LIMIT);
  const q = useEntitiesByRefs(shown, FIELDS);
  const found = (q.data ?? []).map((e, i) => ({ e, ref: shown[i] ?? '' }));
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed">
          {refs.length}
        </Text>
      </Group>
      {refs.length === 0 ? (
        <Text size="sm" c="dimmed">{empty}</Text>
      ) : q.error ? (
        <ErrorState error={q.error} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: variant === 'people' ? 2 : 1, lg: variant === 'people' ? 3 : 2 }} spacing="sm">
          {found.map(({ e, ref }) =>
            e ? (
              variant === 'people' ? <Person key={ref} entity={e} /> : <GroupRow key={ref} entity={e} />
            ) : (
              <Text key={ref} size="sm" c="red" title="Not in the catalog">
                <EntityRefLink entityRef={ref} showKind /> (missing)
              </Text>
            ),
          )}
        </SimpleGrid>
      )}
      {refs.length > LIMIT ? (
        <Text size="xs" c="dimmed" mt="xs">
          Showing the first {LIMIT} of {refs.length}.
        </Text>
      ) : null}
    </Card>
  );
}
