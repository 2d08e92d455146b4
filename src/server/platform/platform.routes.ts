import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql, type Kysely } from 'kysely';
import { AuditListResponse, AuditQuerySchema, WhoAmIResponse } from '../../contracts';
import { listAudit } from './audit';
import { authorize, permissionsOf } from './authz';
import type { Database } from './db/schema';

/** Spine routes: who am I, the audit log, liveness and readiness. */
export function registerPlatformRoutes(app: FastifyInstance, db: Kysely<Database>, isReady: () => boolean): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/auth/whoami', { schema: { tags: ['auth'], response: { 200: WhoAmIResponse } } }, async (req) => ({
    actor: { kind: req.actor.kind, ref: req.actor.ref, displayName: req.actor.displayName },
    permissions: permissionsOf(req.actor),
  }));
  r.get('/api/audit', { schema: { tags: ['audit'], querystring: AuditQuerySchema, response: { 200: AuditListResponse } } }, async (req) => {
    authorize(req.actor, 'audit.read');
    return { items: await listAudit(db, { limit: req.query.limit, beforeId: req.query.before, action: req.query.action, actor: req.query.actor }) };
  });
  r.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  r.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (!isReady()) return reply.status(503).send({ status: 'starting' });
    await sql`SELECT 1`.execute(db);
    return { status: 'ready' };
  });
}
