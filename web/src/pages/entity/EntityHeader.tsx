import { Anchor, Badge, Breadcrumbs, Button, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { refreshEntity } from '../../api/catalog';
import type { Entity } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { KindBadge } from '../../components/KindBadge';
import { LifecycleBadge } from '../../components/EntityTable';
import { entityTitle, errorItems, isOrphan, specString, stringifyEntityRef } from '../../lib/entityRef';

export function EntityHeader({ entity }: { entity: Entity }) {
  const auth = useAuth();
  const refresh = useMutation({ mutationFn: () => refreshEntity(stringifyEntityRef(entity)) });
  const title = entityTitle(entity);
  const type = specString(entity, 'type');
  const lifecycle = specString(entity, 'lifecycle');
  const errors = errorItems(entity).length;
  const viewUrl = entity.metadata.annotations?.['backstage.io/view-url'];
  const editUrl = entity.metadata.annotations?.['backstage.io/edit-url'];

  return (
    <Stack gap={6} mb="md">
      <Breadcrumbs separator="/" fz="sm">
        <Link to="/catalog" className="paved-link">
          Catalog
        </Link>
        <Link to="/catalog" search={{ kind: [entity.kind] }} className="paved-link">
          {entity.kind}
        </Link>
        <Text size="sm" c="dimmed">
          {entity.metadata.name}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="sm" align="center">
            <Title order={2} data-testid="entity-title">
              {title}
            </Title>
            <KindBadge kind={entity.kind} size="md" />
            {type ? (
              <Badge variant="outline" color="gray" tt="none">
                {type}
              </Badge>
            ) : null}
            {lifecycle ? <LifecycleBadge lifecycle={lifecycle} /> : null}
            {isOrphan(entity) ? (
              <Tooltip label="No location emits this entity any more; it stays until deleted." multiline w={260}>
                <Badge color="orange" variant="filled">
                  Orphan
                </Badge>
              </Tooltip>
            ) : null}
            {errors ? (
              <Badge color="red" variant="light">
                {errors} error{errors > 1 ? 's' : ''}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed" ff="monospace">
            {stringifyEntityRef(entity)}
          </Text>
          {entity.metadata.tags?.length ? (
            <Group gap={4}>
              {entity.metadata.tags.map((t) => (
                <Link key={t} to="/catalog" search={{ tag: [t] }} aria-label={`Entities tagged ${t}`}>
                  <Badge size="sm" variant="light" color="gray" tt="none" style={{ cursor: 'pointer' }}>
                    {t}
                  </Badge>
                </Link>
              ))}
            </Group>
          ) : null}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {viewUrl ? (
            <Anchor href={viewUrl} target="_blank" rel="noreferrer" size="sm">
              View source
            </Anchor>
          ) : null}
          {editUrl ? (
            <Anchor href={editUrl} target="_blank" rel="noreferrer" size="sm">
              Edit
            </Anchor>
          ) : null}
          {auth.can('catalog.entity.refresh') ? (
            <Button size="xs" variant="default" loading={refresh.isPending} onClick={() => refresh.mutate()}
              color={refresh.isError ? 'red' : undefined}>
              {refresh.isSuccess ? 'Refresh scheduled' : refresh.isError ? 'Refresh failed' : 'Refresh'}
            </Button>
          ) : null}
        </Group>
      </Group>
    </Stack>
  );
}
