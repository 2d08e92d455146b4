import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A smart-HTTP git server on 127.0.0.1: `git http-backend` behind HTTP basic auth, for remote-repository tests. */
export interface GitHttpServer {
  /** `http://127.0.0.1:<port>` — repositories are `<url>/<name>.git` for directories under the project root. */
  url: string;
  /** Requests seen, for asserting that a client stopped instead of retrying forever. */
  requests: number;
  close(): Promise<void>;
}

/** A push (`git-receive-pack`), as opposed to a fetch or clone. */
const isPush = (req: IncomingMessage) => /[?&]service=git-receive-pack\b|\/git-receive-pack$/.test(req.url ?? '');

/**
 * `anonymousRead`: fetches and clones need no credentials, pushes still do (a public repository on a
 * forge) — so the catalog can read what the scaffolder pushed with a token.
 */
export async function startGitHttpServer(projectRoot: string, auth: { user: string; password: string }, opts: { anonymousRead?: boolean } = {}): Promise<GitHttpServer> {
  const expected = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  const state = { requests: 0 };
  const server = createServer((req, res) => {
    state.requests++;
    if (req.headers.authorization !== expected && !(opts.anonymousRead && !isPush(req))) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"', 'content-type': 'text/plain' }).end('unauthorized');
      return;
    }
    cgi(projectRoot, req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** Runs one request through `git http-backend` (CGI/1.1): request body in, "headers\r\n\r\nbody" out. */
function cgi(projectRoot: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      REMOTE_USER: 'test',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      HTTP_GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
    },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  req.pipe(child.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    const endLf = head.indexOf('\n\n');
    const [at, sep] = end !== -1 && (endLf === -1 || end < endLf) ? [end, 4] : [endLf, 2];
    if (at === -1) return;
    headersDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, at).toString('latin1').split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i <= 0) continue;
      const name = line.slice(0, i).trim().toLowerCase();
      const value = line.slice(i + 1).trim();
      if (name === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(at + sep));
  });
  child.on('close', () => {
    if (!headersDone) res.writeHead(502).end('git http-backend produced no response');
    else res.end();
  });
  child.on('error', () => res.headersSent ? res.end() : res.writeHead(502).end());
}
