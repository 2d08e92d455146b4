/** Who is making a request. Every request has one; anonymous callers are the guest actor. */
export interface Actor {
  kind: 'guest' | 'token' | 'system';
  /** Stable reference used in audit events, e.g. `token:ci-bot`, `guest`, `system:ingestion`. */
  ref: string;
  displayName: string;
  roles: Role[];
}

export type Role = 'admin' | 'editor' | 'reader';

export const GUEST: Actor = { kind: 'guest', ref: 'guest', displayName: 'Guest', roles: ['reader'] };
export const SYSTEM: Actor = { kind: 'system', ref: 'system:paved', displayName: 'Paved', roles: ['admin'] };
