import { parseEntityRef, stringifyEntityRef, type Entity } from '../../../model';
import type { Actor } from '../../platform/actor';
import { NotAllowedError } from '../../platform/errors';
import type { CatalogService } from '../catalog/catalog.service';
import { ownerOf } from './scorecards.evaluate';

/** The catalog User an actor stands for: tokens whose actor ref is a `user:` entity ref (ADR 0004). */
function userRefOf(actor: Actor): string | undefined {
  if (!actor.ref.toLowerCase().startsWith('user:')) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(actor.ref));
  } catch {
    return undefined;
  }
}

/**
 * An owner asks for an exemption: the requester is the owning user or a direct member of the owning group.
 * Admins (platform engineers) may ask for any entity. An actor that is not a catalog user cannot be shown
 * to own anything, so it is refused (ADR 0028).
 */
export async function requesterMayAsk(actor: Actor, entity: Entity, catalog: Pick<CatalogService, 'byRefs'>): Promise<void> {
  if (actor.roles.includes('admin')) return;
  const entityRef = stringifyEntityRef(entity);
  const owner = ownerOf(entity);
  if (!owner) throw new NotAllowedError(`${entityRef} has no owner, so only a platform engineer can ask for its exemptions`);
  const userRef = userRefOf(actor);
  if (!userRef) throw new NotAllowedError(`${actor.ref} is not a catalog user, so it cannot be shown to belong to ${owner}, which owns ${entityRef}`);
  if (userRef === owner) return;
  const [user] = (await catalog.byRefs([userRef])) as Array<Entity | null>;
  const groups = new Set((user?.relations ?? []).filter((r) => r.type === 'memberOf').map((r) => r.targetRef.toLowerCase()));
  if (!groups.has(owner)) throw new NotAllowedError(`${userRef} is not a member of ${owner}, which owns ${entityRef}`);
}
