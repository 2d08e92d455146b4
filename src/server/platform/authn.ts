import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GUEST, type Actor, type Role } from './actor';
import { recordAudit } from './audit';
import { AuthenticationError } from './errors';
import type { Database } from './db/schema';

/** API tokens are 32 random bytes; only their SHA-256 is stored (high-entropy secrets need no slow hash). */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newToken = (): string => `pvd_${randomBytes(32).toString('base64url')}`;

export interface Authenticator {
  /** Resolves the actor for an Authorization header value (or its absence). */
  authenticate(authorization: string | undefined): Promise<Actor>;
}

export function createAuthenticator(db: Kysely<Database>, opts: { guestAccess: boolean }): Authenticator {
  return {
    async authenticate(authorization) {
      if (!authorization) {
        if (opts.guestAccess) return GUEST;
        throw new AuthenticationError('Missing Authorization header; guest access is disabled');
      }
      const m = /^Bearer\s+(\S{1,512})$/i.exec(authorization);
      if (!m?.[1]) throw new AuthenticationError('Authorization header must be "Bearer <token>"');
      const row = await db
        .selectFrom('tokens')
        .select(['name', 'actor_ref', 'roles'])
        .where('hash', '=', hashToken(m[1]))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) throw new AuthenticationError('Invalid or revoked token');
      return { kind: 'token', ref: row.actor_ref, displayName: row.name, roles: JSON.parse(row.roles) as Role[] };
    },
  };
}

/**
 * Makes sure an admin token exists. With `PAVED_ADMIN_TOKEN` that token is registered (idempotent);
 * otherwise, on first start only, a new token is generated and returned so it can be printed once.
 */
export async function ensureAdminToken(db: Kysely<Database>, given: string | undefined): Promise<string | undefined> {
  const system: Actor = { kind: 'system', ref: 'system:bootstrap', displayName: 'Bootstrap', roles: ['admin'] };
  if (given) {
    const hash = hashToken(given);
    const exists = await db.selectFrom('tokens').select('id').where('hash', '=', hash).executeTakeFirst();
    if (exists) return undefined;
    await db.transaction().execute(async (trx) => {
      await insertToken(trx, { name: 'admin (PAVED_ADMIN_TOKEN)', hash, actorRef: 'token:admin', roles: ['admin'] });
      await recordAudit(trx, system, { action: 'token.create', target: 'token:admin', outcome: 'success', payload: { source: 'env' } });
    });
    return undefined;
  }
  const any = await db.selectFrom('tokens').select('id').where('actor_ref', '=', 'token:admin').executeTakeFirst();
  if (any) return undefined;
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await insertToken(trx, { name: 'admin (bootstrap)', hash: hashToken(token), actorRef: 'token:admin', roles: ['admin'] });
    await recordAudit(trx, system, { action: 'token.create', target: 'token:admin', outcome: 'success', payload: { source: 'bootstrap' } });
  });
  return token;
}

export async function insertToken(
  trx: Kysely<Database>,
  t: { name: string; hash: string; actorRef: string; roles: Role[] },
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('tokens')
    .values({ id, name: t.name, hash: t.hash, actor_ref: t.actorRef, roles: JSON.stringify(t.roles), created_at: new Date().toISOString(), revoked_at: null })
    .execute();
  return id;
}
