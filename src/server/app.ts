import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Catalog } from './domains/catalog';
import { createGoldenPaths } from './domains/goldenPaths';
import type { Authenticator } from './platform/authn';
import type { Database } from './platform/db/schema';
import { InputError } from './platform/errors';
import { installAuthentication, installErrorHandler, installRequestLog } from './platform/http';
import { installMetrics } from './platform/metrics';
import { registerPlatformRoutes } from './platform/platform.routes';

export interface AppDeps {
  db: Kysely<Database>;
  authn: Authenticator;
  catalog: Catalog;
  /** The scaffolder's task API (`/api/scaffolder`); optional so tools that build the app without it still work. */
  scaffolder?: { routes(app: FastifyInstance): void };
  /** Docs-as-code (`/api/docs`) and the combined search (`/api/search`); optional like the scaffolder. */
  docs?: { routes(app: FastifyInstance): void };
  search?: { routes(app: FastifyInstance): void };
  /** Facts about entities (`/api/facts`); optional like the scaffolder. */
  facts?: { routes(app: FastifyInstance): void };
  /** Golden paths with version snapshots and migration diffs; without, built here from the catalog alone. */
  goldenPaths?: { routes(app: FastifyInstance): void };
  /** Scorecards over the catalog (`/api/scorecards`); optional like the scaffolder. */
  scorecards?: { routes(app: FastifyInstance): void };
  /** Initiatives over scorecard rules (`/api/initiatives`); optional like the scaffolder. */
  initiatives?: { routes(app: FastifyInstance): void };
  logLevel: string;
  webDir?: string;
  isReady: () => boolean;
}

/** Builds the HTTP app from the spine and the domains. Routes live with their domain. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    // One line per request, written after the response (installRequestLog): Fastify's own pair of lines put a
    // synchronous write to stdout in front of every handler.
    disableRequestLogging: true,
    bodyLimit: 12 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
  });
  // Clients (the Backstage catalog-client among them) send `content-type: application/json` with an
  // empty body on DELETE and POST /refresh; treat that as no body instead of a 400.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new InputError('Request body is not valid JSON'), undefined);
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifySwagger, {
    openapi: { openapi: '3.1.0', info: { title: 'Paved API', version: '0.1.0', description: 'Backstage-compatible catalog API plus Paved platform routes' } },
    transform: jsonSchemaTransform,
  });
  installErrorHandler(app);
  installRequestLog(app);
  installAuthentication(app, deps.authn);
  installMetrics(app);
  registerPlatformRoutes(app, deps.db, deps.isReady);
  deps.catalog.routes(app);
  deps.scaffolder?.routes(app);
  deps.docs?.routes(app);
  deps.search?.routes(app);
  deps.facts?.routes(app);
  (deps.goldenPaths ?? createGoldenPaths(deps.catalog)).routes(app);
  deps.scorecards?.routes(app);
  deps.initiatives?.routes(app);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const webDir = deps.webDir;
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ error: { name: 'NotFoundError', message: `No route for ${req.method} ${req.url}` }, request: { method: req.method, url: req.url }, response: { statusCode: 404 } });
      return reply.sendFile('index.html');
    });
  }
  return app;
}
