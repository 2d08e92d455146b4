// The Docs tab of an entity page: the entity's docs site, the page in the URL (?tab=docs&page=guide/setup#install).
import { useNavigate, useRouterState, useSearch } from '@tanstack/react-router';
import type { Entity } from '../../api/types';
import { DocsReader } from './DocsReader';

export const hasDocs = (entity: Entity): boolean => Boolean(entity.metadata.annotations?.['backstage.io/techdocs-ref']);

export function EntityDocsTab({ entity }: { entity: Entity }) {
  const search = useSearch({ from: '/catalog/$namespace/$kind/$name' });
  const hash = useRouterState({ select: (s) => s.location.hash });
  const navigate = useNavigate({ from: '/catalog/$namespace/$kind/$name' });
  const docsRef = { namespace: entity.metadata.namespace ?? 'default', kind: entity.kind, name: entity.metadata.name };
  return (
    <DocsReader
      docsRef={docsRef}
      slug={search.page ?? ''}
      anchor={hash || undefined}
      onOpen={(slug, anchor) => void navigate({ search: { tab: 'docs', ...(slug ? { page: slug } : {}) }, hash: anchor })}
    />
  );
}
