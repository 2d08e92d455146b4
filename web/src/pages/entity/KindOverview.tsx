// Kind-specific cards below the About card and graph.
import { SimpleGrid, Stack } from '@mantine/core';
import type { Entity } from '../../api/types';
import { stringifyEntityRef } from '../../lib/entityRef';
import { GoldenPathSpecCard } from '../goldenPaths/GoldenPathSpecCard';
import { TeamScoresCard } from '../scorecards/TeamScoresCard';
import { OwnedEntitiesCard } from './OwnedEntitiesCard';
import { RefEntitiesCard, relationTargets } from './PeopleAndGroups';

export function KindOverview({ entity }: { entity: Entity }) {
  const kind = entity.kind.toLowerCase();
  const ref = stringifyEntityRef(entity);
  if (kind === 'group') {
    const parents = relationTargets(entity, 'childOf');
    return (
      <Stack gap="md">
        <RefEntitiesCard title="Members" refs={relationTargets(entity, 'hasMember')} empty="No members."
          variant="people" testId="members" />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <RefEntitiesCard title="Parent group" refs={parents} empty="Top-level group." variant="groups" testId="parent-group" />
          <RefEntitiesCard title="Child groups" refs={relationTargets(entity, 'parentOf')} empty="No child groups."
            variant="groups" testId="child-groups" />
        </SimpleGrid>
        <TeamScoresCard entity={entity} />
        <OwnedEntitiesCard ownerRef={ref} />
      </Stack>
    );
  }
  if (kind === 'goldenpath') return <GoldenPathSpecCard entity={entity} />;
  if (kind === 'user') {
    return (
      <Stack gap="md">
        <RefEntitiesCard title="Groups" refs={relationTargets(entity, 'memberOf')} empty="Not a member of any group."
          variant="groups" testId="user-groups" />
        <OwnedEntitiesCard ownerRef={ref} />
      </Stack>
    );
  }
  return null;
}
