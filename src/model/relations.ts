// Relations implied by an entity's spec, as Backstage's BuiltinKindsEntityProcessor (and the
// scaffolder's Template processor) emit them: each ref field yields the outgoing relation on the
// entity and the inverse relation on the target. The table lives in kinds.ts, next to each kind.
import type { Entity } from './entity';
import { parseEntityRef, stringifyEntityRef, compoundRefOf } from './entityRef';
import type { EntityFieldError } from './formatError';
import { KIND_SCHEMAS, type KindSchema } from './kinds';

export const RELATION_OWNED_BY = 'ownedBy';
export const RELATION_OWNER_OF = 'ownerOf';
export const RELATION_CONSUMES_API = 'consumesApi';
export const RELATION_API_CONSUMED_BY = 'apiConsumedBy';
export const RELATION_PROVIDES_API = 'providesApi';
export const RELATION_API_PROVIDED_BY = 'apiProvidedBy';
export const RELATION_DEPENDS_ON = 'dependsOn';
export const RELATION_DEPENDENCY_OF = 'dependencyOf';
export const RELATION_PARENT_OF = 'parentOf';
export const RELATION_CHILD_OF = 'childOf';
export const RELATION_MEMBER_OF = 'memberOf';
export const RELATION_HAS_MEMBER = 'hasMember';
export const RELATION_PART_OF = 'partOf';
export const RELATION_HAS_PART = 'hasPart';

/** One directed relation between two canonical (lowercased) entity refs. */
export type RelationTriple = { source: string; type: string; target: string };

/** Options of {@link entityRelations}. */
export type EntityRelationsOptions = {
  /** The kinds whose relation fields apply; defaults to {@link KIND_SCHEMAS}. */
  kinds?: readonly KindSchema[];
};

function kindFor(entity: Entity, kinds: readonly KindSchema[]): KindSchema | undefined {
  // Backstage chooses relation fields by kind alone (not apiVersion).
  return (
    kinds.find((k) => k.kind === entity.kind && k.apiVersions.includes(entity.apiVersion)) ??
    kinds.find((k) => k.kind === entity.kind)
  );
}

/**
 * The relations an entity implies, both directions, deduplicated, in spec-field order. Targets
 * default to the field's kind (none for `dependsOn`/`dependencyOf`, so a bare name there is an
 * error) and to the entity's own namespace. Refs that cannot be parsed become errors with the
 * field path (e.g. `spec.dependsOn.1`); the other relations are still returned.
 */
export function entityRelations(
  entity: Entity,
  options: EntityRelationsOptions = {},
): { relations: RelationTriple[]; errors: EntityFieldError[] } {
  const relations: RelationTriple[] = [];
  const errors: EntityFieldError[] = [];
  const kind = kindFor(entity, options.kinds ?? KIND_SCHEMAS);
  if (!kind?.relations) return { relations, errors };
  const self = compoundRefOf(entity);
  const source = stringifyEntityRef(self);
  const seen = new Set<string>();
  const add = (r: RelationTriple): void => {
    const key = `${r.source}\u0000${r.type}\u0000${r.target}`;
    if (!seen.has(key)) {
      seen.add(key);
      relations.push(r);
    }
  };
  for (const field of kind.relations) {
    const value = entity.spec?.[field.field];
    if (!value) continue; // Backstage skips absent and empty values.
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      const path = Array.isArray(value) ? `spec.${field.field}.${i}` : `spec.${field.field}`;
      if (typeof item !== 'string' || item === '') {
        errors.push({ path, message: `expected an entity reference string, but found ${JSON.stringify(item) ?? 'nothing'}` });
        return;
      }
      try {
        const ref = parseEntityRef(item, { defaultKind: field.defaultKind, defaultNamespace: self.namespace });
        const target = stringifyEntityRef(ref);
        add({ source, type: field.type, target });
        add({ source: target, type: field.inverse, target: source });
      } catch (e) {
        errors.push({ path, message: e instanceof Error ? e.message : String(e) });
      }
    });
  }
  return { relations, errors };
}
