// `$text` / `$json` / `$yaml` placeholders, with the semantics of Backstage's PlaceholderProcessor:
// an object is replaced only when it has exactly one key and that key names a resolver; any other
// `$x` (JSON Schema's `$ref`, say) is left untouched, and so is an object mixing `$` keys with
// others. The caller's `read` does the I/O; resolvePlaceholderTarget() is the path policy it should
// apply first.
import { posix } from 'node:path';
import { DESCRIPTOR_LIMITS } from './descriptor';
import type { EntityFieldError } from './formatError';
import { isJsonObject } from './validateEntity';
import { parseYamlText } from './yamlSafe';

/** The three placeholder kinds. */
export type PlaceholderKind = 'text' | 'json' | 'yaml';

/** What the caller must read: `target` is the placeholder's string as written, `path` where it sits. */
export type PlaceholderRead = { kind: PlaceholderKind; target: string; path: string };

/** Limits on what a placeholder may pull in. */
export type PlaceholderOptions = { maxBytes?: number; maxDepth?: number; maxAliases?: number; maxTokens?: number };

const KINDS: readonly string[] = ['text', 'json', 'yaml'];

type Ctx = { read: (req: PlaceholderRead) => Promise<string>; errors: EntityFieldError[]; limits: Required<PlaceholderOptions> };

function depthOf(value: unknown, max: number): number {
  // Iterative, so hostile JSON cannot overflow the stack here.
  let deepest = 0;
  const todo: Array<[unknown, number]> = [[value, 0]];
  while (todo.length > 0) {
    const [v, d] = todo.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    deepest = Math.max(deepest, d + 1);
    if (deepest > max) return deepest;
    for (const child of Object.values(v)) todo.push([child, d + 1]);
  }
  return deepest;
}

function parseContent(kind: PlaceholderKind, target: string, content: string, limits: Required<PlaceholderOptions>): unknown {
  if (kind === 'text') return content;
  if (kind === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (e) {
      throw new Error(`Placeholder $json failed to parse JSON data at ${target}, ${String(e)}`);
    }
    if (depthOf(value, limits.maxDepth) > limits.maxDepth) {
      throw new Error(`Placeholder $json data at ${target} nests deeper than ${limits.maxDepth} levels`);
    }
    return value;
  }
  const parsed = parseYamlText(content, limits);
  if (parsed.fatal) throw new Error(`Placeholder $yaml failed to parse YAML data at ${target}, ${parsed.fatal.message}`);
  if (parsed.docs.length !== 1) {
    throw new Error(`Placeholder $yaml expected to find exactly one document of data at ${target}, found ${parsed.docs.length}`);
  }
  const [doc] = parsed.docs;
  if (doc?.error) throw new Error(`Placeholder $yaml found an error in the data at ${target}, ${doc.error.message}`);
  return doc?.value;
}

async function resolveOne(kind: PlaceholderKind, target: unknown, path: string, ctx: Ctx): Promise<{ value: unknown } | undefined> {
  if (typeof target !== 'string') {
    ctx.errors.push({ path, message: `Placeholder $${kind} expected a string value parameter, in the form of an absolute URL or a relative path` });
    return undefined;
  }
  let content: string;
  try {
    content = await ctx.read({ kind, target, path });
  } catch (e) {
    ctx.errors.push({ path, message: `Placeholder $${kind} could not read location ${target}, ${e instanceof Error ? e.message : String(e)}` });
    return undefined;
  }
  if (content.length > ctx.limits.maxBytes) {
    ctx.errors.push({ path, message: `Placeholder $${kind} data at ${target} is larger than ${ctx.limits.maxBytes} bytes` });
    return undefined;
  }
  try {
    return { value: parseContent(kind, target, content, ctx.limits) };
  } catch (e) {
    ctx.errors.push({ path, message: e instanceof Error ? e.message : String(e) });
    return undefined;
  }
}

/** Whether any object in `data` has a `$`-prefixed key (a placeholder candidate); depth is bounded by the parser's limits. */
function hasPlaceholder(data: unknown): boolean {
  if (Array.isArray(data)) return data.some(hasPlaceholder);
  if (!isJsonObject(data)) return false;
  for (const k of Object.keys(data)) if (k.startsWith('$') || hasPlaceholder(data[k])) return true;
  return false;
}

async function walk(data: unknown, path: string, ctx: Ctx): Promise<unknown> {
  const child = (key: string | number): string => (path ? `${path}.${key}` : String(key));
  if (Array.isArray(data)) {
    const out: unknown[] = [];
    for (let i = 0; i < data.length; i++) out.push(await walk(data[i], child(i), ctx));
    return out;
  }
  if (!isJsonObject(data)) return data;
  const keys = Object.keys(data);
  if (!keys.some((k) => k.startsWith('$'))) {
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      Object.defineProperty(out, k, { value: await walk(data[k], child(k), ctx), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  const [only] = keys;
  const kind = only?.slice(1) ?? '';
  if (keys.length !== 1 || !KINDS.includes(kind)) return data; // e.g. JSON Schema's {"$ref": …}
  const resolved = await resolveOne(kind as PlaceholderKind, data[only as string], path, ctx);
  return resolved ? resolved.value : data;
}

/**
 * Replaces every `{ $text | $json | $yaml: <target> }` in `value` with the content `read` returns
 * (parsed for json/yaml; `$yaml` must hold exactly one document). Failed placeholders stay in
 * place and are reported as errors at their path; the input is not modified.
 */
export async function resolvePlaceholders(
  value: unknown,
  read: (req: PlaceholderRead) => Promise<string>,
  options: PlaceholderOptions = {},
): Promise<{ value: unknown; errors: EntityFieldError[] }> {
  const limits: Required<PlaceholderOptions> = {
    maxBytes: options.maxBytes ?? DESCRIPTOR_LIMITS.maxBytes,
    maxDepth: options.maxDepth ?? DESCRIPTOR_LIMITS.maxDepth,
    maxAliases: options.maxAliases ?? DESCRIPTOR_LIMITS.maxAliases,
    maxTokens: options.maxTokens ?? DESCRIPTOR_LIMITS.maxTokens,
  };
  // Almost every descriptor has no placeholder: a synchronous scan saves rebuilding it through async calls.
  if (!hasPlaceholder(value)) return { value, errors: [] };
  const ctx: Ctx = { read, errors: [], limits };
  const out = await walk(value, '', ctx);
  return { value: out, errors: ctx.errors };
}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/**
 * Resolves a placeholder target against the descriptor's location, confined to `root`.
 *
 * - `base` is the descriptor's absolute file path or http(s) URL; `root` is the directory (or URL
 *   prefix) the descriptor may read from — a checkout, or the repository's root URL.
 * - Relative targets resolve against the descriptor's directory and must stay inside `root`
 *   (`../../etc/passwd` is an error).
 * - Absolute URLs are accepted only when `base` is a URL and they are on the same origin and inside
 *   `root`. Absolute file paths, other schemes and other origins are rejected.
 */
export function resolvePlaceholderTarget(base: string, target: string, root: string): { ok: true; target: string } | { ok: false; message: string } {
  if (target.trim() === '' || target.includes('\u0000')) return { ok: false, message: `placeholder target ${JSON.stringify(target)} is empty or invalid` };
  if (isUrl(base)) return resolveUrlTarget(base, target, root);
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) {
    return { ok: false, message: `placeholder target ${JSON.stringify(target)} must be a path relative to the descriptor file` };
  }
  const resolved = posix.resolve(posix.dirname(base), target);
  const rel = posix.relative(posix.resolve(root), resolved);
  if (rel === '' || rel.startsWith('..') || posix.isAbsolute(rel)) {
    return { ok: false, message: `placeholder target ${JSON.stringify(target)} resolves outside the allowed root ${root}` };
  }
  return { ok: true, target: resolved };
}

function resolveUrlTarget(base: string, target: string, root: string): { ok: true; target: string } | { ok: false; message: string } {
  let resolved: URL;
  let rootUrl: URL;
  try {
    resolved = new URL(target, base);
    rootUrl = new URL(root);
  } catch {
    return { ok: false, message: `placeholder target ${JSON.stringify(target)} does not form a URL with ${base}` };
  }
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') {
    return { ok: false, message: `placeholder target ${JSON.stringify(target)} must be an http(s) URL or a relative path` };
  }
  if (resolved.origin !== new URL(base).origin) {
    return { ok: false, message: `placeholder target ${JSON.stringify(target)} is on another origin than ${base}` };
  }
  const prefix = rootUrl.href.endsWith('/') ? rootUrl.href : `${rootUrl.href}/`;
  if (resolved.origin !== rootUrl.origin || !(resolved.href + '/').startsWith(prefix) || resolved.username || resolved.password) {
    return { ok: false, message: `placeholder target ${JSON.stringify(target)} resolves outside the allowed root ${root}` };
  }
  return { ok: true, target: resolved.href };
}
