import { createHash } from 'node:crypto';
import { MAX_FILE_BYTES, type SourceFile, type SourceReader } from './sourceTypes';

const TIMEOUT_MS = 30_000;

/** `url` locations over http(s). Placeholders may read URLs under the descriptor's directory on the same origin. */
export function createUrlReader(): SourceReader {
  return {
    async read(target) {
      const url = parseHttpUrl(target);
      const locationKey = `url:${url.href}`;
      try {
        const bytes = await fetchBounded(url.href);
        const hash = createHash('sha256').update(bytes).digest('hex');
        const root = new URL('./', url).href;
        return { files: [{ locationKey, base: url.href, root, bytes }], errors: [], hash };
      } catch (err) {
        return { files: [], errors: [{ locationKey, message: err instanceof Error ? err.message : String(err) }], hash: 'error' };
      }
    },
    async readPlaceholder(_file: SourceFile, resolved: string) {
      return new TextDecoder('utf-8', { fatal: true }).decode(await fetchBounded(parseHttpUrl(resolved).href));
    },
    resolveChild(file, target) {
      return new URL(target, file.base).href;
    },
  };
}

function parseHttpUrl(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`"${target}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Only http and https URLs can be read, not ${url.protocol}`);
  return url;
}

async function fetchBounded(href: string): Promise<Uint8Array> {
  const res = await fetch(href, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
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
