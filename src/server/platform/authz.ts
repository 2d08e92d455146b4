import type { Actor, Role } from './actor';
import { AuthenticationError, NotAllowedError } from './errors';

/** Every verb a route can ask for. Adding a capability means adding its verbs here, and to the roles below. */
export const VERBS = [
  'catalog.entity.read',
  'catalog.entity.refresh',
  'catalog.entity.delete',
  'catalog.location.read',
  'catalog.location.create',
  'catalog.location.analyze',
  'catalog.location.delete',
  'catalog.entity.validate',
  'audit.read',
  'token.create',
  'scaffolder.template.read',
  'scaffolder.action.read',
  'scaffolder.task.read',
  'scaffolder.task.create',
  'scaffolder.task.dry-run',
  'scaffolder.task.cancel',
  'scaffolder.task.retry',
  /** Read, cancel and retry tasks other actors created. */
  'scaffolder.task.manage-all',
  /** Push facts about an entity (external tools such as CI). */
  'facts.push',
  /** Ask for an exemption of a scorecard rule for an entity your team owns (ADR 0028). */
  'scorecards.exemption.request',
  /** Approve, reject or revoke exemptions: platform engineers. */
  'scorecards.exemption.approve',
  /** Create, change, publish and close initiatives (ADR 0029): platform engineers, i.e. admins. */
  'initiatives.manage',
  /** Evaluate a candidate scorecard over the catalog without saving it (ADR 0031). */
  'scorecards.preview',
  /** Create, change and delete scorecards saved through the API (the managed location, ADR 0031). */
  'scorecards.write',
] as const;
export type Verb = (typeof VERBS)[number];

const READ_VERBS: Verb[] = ['catalog.entity.read', 'catalog.location.read', 'catalog.entity.validate', 'scaffolder.template.read', 'scaffolder.action.read', 'scaffolder.task.read'];
// Running a template (or dry-running it, which reads its files) writes repositories and registers entities: not for guests or readers.
const SCAFFOLDER_RUN_VERBS: Verb[] = ['scaffolder.task.create', 'scaffolder.task.dry-run', 'scaffolder.task.cancel', 'scaffolder.task.retry'];
const ROLE_VERBS: Record<Role, ReadonlySet<Verb>> = {
  reader: new Set(READ_VERBS),
  // Reading a location (dry-run, discovery) makes the server open paths and URLs: not for guests.
  editor: new Set<Verb>([...READ_VERBS, 'catalog.entity.refresh', 'catalog.location.create', 'catalog.location.analyze', ...SCAFFOLDER_RUN_VERBS, 'facts.push', 'scorecards.exemption.request', 'scorecards.preview']),
  admin: new Set<Verb>(VERBS),
};

/** What the actor may do; returned to the UI so it can hide what the caller cannot use. */
export function permissionsOf(actor: Actor): Verb[] {
  return VERBS.filter((v) => actor.roles.some((r) => ROLE_VERBS[r].has(v)));
}

export function can(actor: Actor, verb: Verb): boolean {
  return actor.roles.some((r) => ROLE_VERBS[r].has(verb));
}

/**
 * The one gate in front of every route. Throws 401 for a guest that needs to sign in,
 * 403 for a signed-in actor without the permission. `target` names the resource for the message.
 */
export function authorize(actor: Actor, verb: Verb, target = ''): void {
  if (can(actor, verb)) return;
  const what = target ? ` on ${target}` : '';
  if (actor.kind === 'guest') throw new AuthenticationError(`Authentication required to ${verb}${what}`);
  throw new NotAllowedError(`${actor.ref} is not allowed to ${verb}${what}`);
}
