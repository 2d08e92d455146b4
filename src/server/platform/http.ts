import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Actor } from './actor';
import type { Authenticator } from './authn';
import { PavedError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

/** Every request gets an Actor before any route runs; a bad token is a 401, never a silent guest. */
export function installAuthentication(app: FastifyInstance, authn: Authenticator): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    req.actor = await authn.authenticate(req.headers.authorization);
  });
}

/** Backstage's error envelope: `{error:{name,message}, request:{method,url}, response:{statusCode}}`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    let statusCode = 500;
    let name = 'Error';
    let message = 'Internal server error';
    if (err instanceof PavedError) {
      ({ statusCode, name, message } = err);
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      statusCode = 400;
      name = 'InputError';
      message = err.validation.map((v) => `${v.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext}: ${v.message}`).join('; ');
      message = `Invalid request ${err.validationContext ?? ''}: ${message}`.replace(/ {2}/, ' ');
    } else if (err.statusCode && err.statusCode < 500) {
      statusCode = err.statusCode;
      name = statusCode === 404 ? 'NotFoundError' : 'InputError';
      message = err.message;
    } else if (err instanceof TypeError && /Entity reference|entity ref/i.test(err.message)) {
      statusCode = 400;
      name = 'InputError';
      message = err.message;
    } else {
      req.log.error({ err }, 'unhandled error');
    }
    void reply.status(statusCode).send({ error: { name, message }, request: { method: req.method, url: req.url }, response: { statusCode } });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: { name: 'NotFoundError', message: `No route for ${req.method} ${req.url.split('?')[0]}` }, request: { method: req.method, url: req.url }, response: { statusCode: 404 } });
  });
}

/** One structured line per request once the response is sent: method, URL, status, time and actor. */
export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ req: { method: req.method, url: req.url }, res: { statusCode: reply.statusCode }, actor: req.actor?.ref, responseTime: reply.elapsedTime }, 'request completed');
  });
}
