import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ActionListResponse, CancelTaskResponse, CreateTaskBodySchema, CreateTaskResponse, DryRunBodySchema, DryRunResponse, EventsQuerySchema, ListTasksQuerySchema,
  ParameterSchemaResponse, RetryTaskResponse, TaskEventListResponse, TaskIdParams, TaskListResponse, TaskSchema, TemplateNameParams, TemplateProblemsResponse,
} from '../../../contracts/scaffolder';
import { authorize } from '../../platform/authz';
import { ProblemsError, type ScaffolderService } from './scaffolder.service';

const tags = ['scaffolder'];
const POLL_MS = 250;
const STREAM_MAX_MS = 6 * 3600_000;
const refOf = (p: { namespace: string; kind: string; name: string }) => `${p.kind}:${p.namespace}/${p.name}`;

/**
 * Backstage's scaffolder routes (`/api/scaffolder/v2/…`: paths, shapes, status codes) plus Paved's
 * `/v2/templates/:ns/:kind/:name/problems`. Each reads: authorize → service → presenter.
 */
export function registerScaffolderRoutes(app: FastifyInstance, service: ScaffolderService): void {
  // Field and template problems go out inside Backstage's envelope as `error.problems`; every other
  // error falls through to the app's handler.
  void app.register(async (scope) => {
    scope.setErrorHandler((err, req, reply) => {
      if (!(err instanceof ProblemsError)) throw err;
      void reply.status(400).send({ error: { name: err.name, message: err.message, problems: err.problems }, request: { method: req.method, url: req.url }, response: { statusCode: 400 } });
    });
    routes(scope, service);
  });
}

function routes(app: FastifyInstance, service: ScaffolderService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Open event streams end when the server shuts down, so they do not hold the close up.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  r.post('/api/scaffolder/v2/tasks', { schema: { tags, body: CreateTaskBodySchema, response: { 201: CreateTaskResponse } } }, async (req, reply) => {
    authorize(req.actor, 'scaffolder.task.create', req.body.templateRef);
    return reply.status(201).send(await service.createTask(req.actor, req.body));
  });

  r.get('/api/scaffolder/v2/tasks', { schema: { tags, querystring: ListTasksQuerySchema, response: { 200: TaskListResponse } } }, async (req) => {
    authorize(req.actor, 'scaffolder.task.read');
    return service.listTasks(req.actor, req.query);
  });

  r.get('/api/scaffolder/v2/tasks/:taskId', { schema: { tags, params: TaskIdParams, response: { 200: TaskSchema } } }, async (req) => {
    authorize(req.actor, 'scaffolder.task.read', `task:${req.params.taskId}`);
    return service.getTask(req.actor, req.params.taskId);
  });

  r.get('/api/scaffolder/v2/tasks/:taskId/events', { schema: { tags, params: TaskIdParams, querystring: EventsQuerySchema, response: { 200: TaskEventListResponse } } }, async (req) => {
    authorize(req.actor, 'scaffolder.task.read', `task:${req.params.taskId}`);
    return service.events(req.actor, req.params.taskId, req.query.after);
  });

  r.get('/api/scaffolder/v2/tasks/:taskId/eventstream', { schema: { tags, params: TaskIdParams, querystring: EventsQuerySchema } }, async (req, reply) => {
    authorize(req.actor, 'scaffolder.task.read', `task:${req.params.taskId}`);
    const id = req.params.taskId;
    let after = req.query.after ?? 0;
    let events = await service.events(req.actor, id, after); // 404 before the stream starts
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    let closed = false;
    req.raw.on('close', () => (closed = true));
    const started = Date.now();
    // Polls the database, so events written by any instance (the one running the task) reach this client.
    while (!closed && !closing && Date.now() - started < STREAM_MAX_MS) {
      let final = false;
      for (const e of events) {
        res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
        after = e.id;
        if (e.type === 'completion' || e.type === 'cancelled') final = true;
      }
      if (final) break;
      if (events.length === 0 && (await service.isFinished(id))) {
        // Finished with every event already sent (a client that asked with `after` past the end).
        const tail = await service.events(req.actor, id, after);
        if (tail.length === 0) break;
      }
      await new Promise((r2) => setTimeout(r2, POLL_MS));
      events = closed ? [] : await service.events(req.actor, id, after);
    }
    res.end();
  });

  r.post('/api/scaffolder/v2/tasks/:taskId/cancel', { schema: { tags, params: TaskIdParams, response: { 200: CancelTaskResponse } } }, async (req) => {
    authorize(req.actor, 'scaffolder.task.cancel', `task:${req.params.taskId}`);
    return service.cancelTask(req.actor, req.params.taskId);
  });

  r.post('/api/scaffolder/v2/tasks/:taskId/retry', { schema: { tags, params: TaskIdParams, response: { 201: RetryTaskResponse } } }, async (req, reply) => {
    authorize(req.actor, 'scaffolder.task.retry', `task:${req.params.taskId}`);
    return reply.status(201).send(await service.retryTask(req.actor, req.params.taskId));
  });

  r.post('/api/scaffolder/v2/dry-run', { schema: { tags, body: DryRunBodySchema, response: { 200: DryRunResponse } } }, async (req) => {
    authorize(req.actor, 'scaffolder.task.dry-run', req.body.templateRef ?? 'inline template');
    return service.dryRun(req.actor, req.body);
  });

  r.get('/api/scaffolder/v2/templates/:namespace/:kind/:name/parameter-schema', { schema: { tags, params: TemplateNameParams, response: { 200: ParameterSchemaResponse } } }, async (req) => {
    authorize(req.actor, 'scaffolder.template.read', refOf(req.params));
    return service.parameterSchema(refOf(req.params));
  });

  r.get('/api/scaffolder/v2/templates/:namespace/:kind/:name/problems', { schema: { tags, params: TemplateNameParams, response: { 200: TemplateProblemsResponse } } }, async (req) => {
    authorize(req.actor, 'scaffolder.template.read', refOf(req.params));
    return service.templateProblems(refOf(req.params));
  });

  r.get('/api/scaffolder/v2/actions', { schema: { tags, response: { 200: ActionListResponse } } }, async (req) => {
    authorize(req.actor, 'scaffolder.action.read');
    return service.listActions();
  });
}
