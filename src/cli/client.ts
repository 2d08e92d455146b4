/** A small HTTP client for the Paved API: address and token from PAVED_URL / PAVED_TOKEN. */
export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export function apiBase(): string {
  return (process.env.PAVED_URL ?? 'http://localhost:7007').replace(/\/+$/, '');
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (process.env.PAVED_TOKEN) headers.authorization = `Bearer ${process.env.PAVED_TOKEN}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${apiBase()}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(120_000) });
  } catch (err) {
    throw new ApiError(`Cannot reach Paved at ${apiBase()} (${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}); set PAVED_URL`, 0);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      const parsed = JSON.parse(text) as { error?: { message?: string }; errors?: Array<{ message: string }> };
      message = parsed.error?.message ?? parsed.errors?.map((e) => e.message).join('\n') ?? text;
    } catch {
      // not JSON: keep the raw text
    }
    throw new ApiError(`${res.status} ${res.statusText}: ${message}`, res.status);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}
