import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateInitiativeRequest, InitiativeDetailResponse, InitiativeListResponse, InitiativeParams, InitiativeProgressQuery, InitiativeProgressResponse,
  InitiativeTodoQuery, InitiativeTodoResponse, UpdateInitiativeRequest,
} from '../../../contracts';
import { authorize } from '../../platform/authz';
import type { InitiativesService } from './initiatives.service';

const tags = ['initiatives'];

/** Reading initiatives needs what reading the catalog needs; creating and changing them is `initiatives.manage` (admins). */
export function registerInitiativeRoutes(app: FastifyInstance, initiatives: InitiativesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const detail = { 200: InitiativeDetailResponse };

  r.get('/api/initiatives', { schema: { tags, response: { 200: InitiativeListResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', 'initiatives');
    return initiatives.list();
  });

  r.post('/api/initiatives', { schema: { tags, body: CreateInitiativeRequest, response: { 201: InitiativeDetailResponse } } }, async (req, reply) => {
    authorize(req.actor, 'initiatives.manage', 'initiatives');
    return reply.status(201).send(await initiatives.create(req.actor, req.body));
  });

  r.get('/api/initiatives/:name', { schema: { tags, params: InitiativeParams, response: detail } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `initiative:${req.params.name}`);
    return initiatives.get(req.actor, req.params.name);
  });

  r.patch('/api/initiatives/:name', { schema: { tags, params: InitiativeParams, body: UpdateInitiativeRequest, response: detail } }, async (req) => {
    authorize(req.actor, 'initiatives.manage', `initiative:${req.params.name}`);
    return initiatives.update(req.actor, req.params.name, req.body);
  });

  r.post('/api/initiatives/:name/publish', { schema: { tags, params: InitiativeParams, response: detail } }, async (req) => {
    authorize(req.actor, 'initiatives.manage', `initiative:${req.params.name}`);
    return initiatives.publish(req.actor, req.params.name);
  });

  r.post('/api/initiatives/:name/close', { schema: { tags, params: InitiativeParams, response: detail } }, async (req) => {
    authorize(req.actor, 'initiatives.manage', `initiative:${req.params.name}`);
    return initiatives.close(req.actor, req.params.name);
  });

  r.get('/api/initiatives/:name/progress', { schema: { tags, params: InitiativeParams, querystring: InitiativeProgressQuery, response: { 200: InitiativeProgressResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `initiative:${req.params.name}`);
    return initiatives.progress(req.params.name, req.query);
  });

  r.get('/api/initiatives/:name/todo', { schema: { tags, params: InitiativeParams, querystring: InitiativeTodoQuery, response: { 200: InitiativeTodoResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `initiative:${req.params.name}`);
    return initiatives.todo(req.params.name, req.query);
  });
}
