import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface AppOptions {
  serviceName: string;
  version: string;
  /** Where request logs go; one JSON object per line. */
  log?: (entry: Record<string, unknown>) => void;
}

export interface App {
  server: Server;
  /** Makes /readyz answer 503 so the load balancer stops sending traffic before shutdown. */
  markNotReady(): void;
}

type Handler = (req: IncomingMessage, url: URL) => { status: number; body: unknown };

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function createApp(options: AppOptions): App {
  const log = options.log ?? ((entry) => console.log(JSON.stringify(entry)));
  let ready = true;

  const routes: Record<string, Handler> = {
    '/healthz': () => ({ status: 200, body: { status: 'ok' } }),
    '/readyz': () => (ready ? { status: 200, body: { status: 'ready' } } : { status: 503, body: { status: 'shutting-down' } }),
    '/v1/info': () => ({ status: 200, body: { service: options.serviceName, version: options.version } }),
    '/v1/hello': (_req, url) => {
      const name = (url.searchParams.get('name') ?? 'world').slice(0, 100);
      return { status: 200, body: { message: 'Hello, ' + name + '!' } };
    },
  };

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[url.pathname];
    let result: { status: number; body: unknown };
    if (!route) result = { status: 404, body: { error: 'not found', path: url.pathname } };
    else if (req.method !== 'GET' && req.method !== 'HEAD') result = { status: 405, body: { error: 'method not allowed' } };
    else result = route(req, url);
    sendJson(res, result.status, result.body);
    if (url.pathname !== '/healthz' && url.pathname !== '/readyz') {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log({ level: 'info', msg: 'request', method: req.method, path: url.pathname, status: result.status, ms });
    }
  });

  return { server, markNotReady: () => { ready = false; } };
}
