import { type Entity } from '../../../model';
import type { FactSource } from './facts.sources';

export const FACT_CATALOG_REFRESHED_AT = 'catalog.refreshedAt';
export const FACT_CATALOG_CURRENT = 'catalog.current';
export const FACT_CATALOG_PROCESSING_ERRORS = 'catalog.processingErrors';
export const FACT_CATALOG_UNRESOLVED_RELATIONS = 'catalog.unresolvedRelations';
export const FACT_CATALOG_OWNER_KIND = 'catalog.ownerKind';

const refOf = (e: Entity) => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLocaleLowerCase('en-US');

/**
 * `catalog`: the catalog's record of the entity itself (ADR 0030) — when its descriptor was last processed,
 * whether the catalog still reads it (not orphaned, its file readable), how many processing errors name it,
 * which declared relations point at nothing, and the kind of its owner (null: no owner, or one that does
 * not exist). Read a page of entities at a time through the context, never per entity.
 */
export const catalogSource: FactSource = {
  id: 'catalog',
  async collect(entity, ctx) {
    const trust = await ctx.catalogTrust(refOf(entity));
    if (!trust) return {};
    return {
      [FACT_CATALOG_REFRESHED_AT]: trust.processedAt,
      [FACT_CATALOG_CURRENT]: !trust.orphaned && !trust.readFailed,
      [FACT_CATALOG_PROCESSING_ERRORS]: trust.errors,
      [FACT_CATALOG_UNRESOLVED_RELATIONS]: trust.unresolved,
      [FACT_CATALOG_OWNER_KIND]: trust.ownerKind ?? null,
    };
  },
};
