// One fetch wrapper for the whole UI: same-origin /api, the signed-in token, and Backstage's
// error envelope turned into an ApiError whose message is what the user should read.

const TOKEN_KEY = 'paved.token';

export function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function writeToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  readonly status: number;
  readonly errorName: string;
  constructor(status: number, errorName: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errorName = errorName;
  }
}

/** True when the server does not have this route (e.g. a Paved-only route on a stock Backstage). */
export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.status === 404;

type Envelope = { error?: { name?: unknown; message?: unknown } };

async function toError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Envelope;
    const name = typeof body.error?.name === 'string' ? body.error.name : 'Error';
    const message = typeof body.error?.message === 'string' ? body.error.message : `${res.status} ${res.statusText}`;
    return new ApiError(res.status, name, message);
  } catch {
    return new ApiError(res.status, 'Error', `${res.status} ${res.statusText}`.trim());
  }
}

export type Query = Record<string, string | number | undefined | readonly string[]>;

export function toQueryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function apiFetch<T>(
  path: string,
  opts: { method?: string; query?: Query; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = readToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api${path}${toQueryString(opts.query ?? {})}`, {
    method: opts.method ?? 'GET',
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
  });
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
