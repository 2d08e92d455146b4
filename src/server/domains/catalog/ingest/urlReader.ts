import { createHash } from 'node:crypto';
import { redactCredentials } from './redactCredentials';
import { MAX_FILE_BYTES, type SourceFile, type SourceReader } from './sourceTypes';

const TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;

/** `url` locations over http(s). Placeholders may read URLs under the descriptor's directory on the same origin. */
export function createUrlReader(): SourceReader {
  return {
    async read(target) {
      // A failed read throws: the whole source is unreadable, so ingestion keeps what it emitted before
      // (entities and child Locations) instead of orphaning a tree over one network error.
      const url = parseHttpUrl(target);
      const bytes = await fetchBounded(url.href);
      const hash = createHash('sha256').update(bytes).digest('hex');
      const root = new URL('./', url).href;
      return { files: [{ locationKey: `url:${url.href}`, base: url.href, root, bytes }], errors: [], hash };
    },
    readPlaceholder: (_file: SourceFile, resolved: string) => readPlaceholderUrl(resolved),
    // The hash covers the descriptor only, so the URLs placeholders read are fetched again before skipping.
    rereadPlaceholder: readPlaceholderUrl,
    resolveChild(file, target) {
      return new URL(target, file.base).href;
    },
  };
}

async function readPlaceholderUrl(resolved: string): Promise<string> {
  return new TextDecoder('utf-8', { fatal: true }).decode(await fetchBounded(parseHttpUrl(resolved).href));
}

function parseHttpUrl(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`"${target}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Only http and https URLs can be read, not ${url.protocol}`);
  if (url.username || url.password) throw new Error(`url locations cannot carry credentials (${redactCredentials(url.href)})`);
  return url;
}

async function fetchBounded(href: string): Promise<Uint8Array> {
  // Redirects are followed by hand so that each hop stays on the origin the placeholder was checked against.
  let res = await fetch(href, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' });
  for (let hops = 0; res.status >= 300 && res.status < 400 && res.headers.has('location'); hops++) {
    const next = new URL(res.headers.get('location') ?? '', href);
    if (next.origin !== new URL(href).origin) throw new Error(`${href} redirects to another origin (${next.origin}), which is not followed`);
    if (hops >= MAX_REDIRECTS) throw new Error(`${href} redirects more than ${MAX_REDIRECTS} times`);
    await res.body?.cancel();
    res = await fetch(next, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' });
  }
  if (!res.ok) throw new Error(`Unable to read ${href}: HTTP ${res.status} ${res.statusText}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_FILE_BYTES) throw new Error(`${href} is ${declared} bytes, larger than the ${MAX_FILE_BYTES}-byte limit`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FILE_BYTES) {
      await reader.cancel();
      throw new Error(`${href} is larger than the ${MAX_FILE_BYTES}-byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
