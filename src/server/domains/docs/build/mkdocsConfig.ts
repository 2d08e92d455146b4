import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { normalizeDocsPath } from './docsPaths.js';
import type { DocsBuildError } from './docsTypes.js';

/** mkdocs.yml is a small file; anything bigger is a mistake or an attack, not a config. */
export const MAX_CONFIG_BYTES = 256 * 1024;
const MAX_NAV_ENTRIES = 2_000;
const MAX_NAV_DEPTH = 8;

/** A `nav` entry after validation, with the line it came from. Paths are as written (docs paths). */
export type NavConfigEntry =
  | { kind: 'page'; title?: string; path: string; line?: number }
  | { kind: 'link'; title: string; url: string; line?: number }
  | { kind: 'section'; title: string; children: NavConfigEntry[]; line?: number };

export interface MkdocsConfig {
  siteName: string;
  /** Root path of the Markdown folder, normalised (`docs` unless configured). */
  docsDir: string;
  /** Absent when mkdocs.yml has no (valid) `nav`: the builder then derives one from the files. */
  nav?: NavConfigEntry[];
  /** Names listed under `markdown_extensions`; supported ones are always on (see renderMarkdown.ts). */
  markdownExtensions: string[];
}

export const DEFAULT_SITE_NAME = 'Documentation';
export const DEFAULT_DOCS_DIR = 'docs';

type RawNavEntry = string | Record<string, RawNavValue>;
type RawNavValue = string | RawNavEntry[];

const navTarget = z.string().min(1).max(2_000);
const navEntrySchema: z.ZodType<RawNavEntry> = z.lazy(() =>
  z.union([
    navTarget,
    z
      .record(z.string().max(200), z.union([navTarget, z.array(navEntrySchema).max(MAX_NAV_ENTRIES)]))
      .refine((entry) => Object.keys(entry).length === 1, 'expected exactly one "Title: target" pair'),
  ], { error: 'expected a page path ("setup.md"), a "Title: setup.md" pair or a "Section: [entries]" pair' }),
);

const docsDirSchema = z
  .string()
  .min(1)
  .max(500)
  .refine((dir) => !dir.startsWith('/') && !/^[a-zA-Z]:/.test(dir) && !dir.includes('\\'), 'docs_dir must be a relative POSIX path')
  .refine((dir) => {
    const normal = normalizeDocsPath(dir);
    return normal !== undefined && normal !== '';
  }, 'docs_dir must be a folder inside the folder of mkdocs.yml');

const configSchema = z.object({
  site_name: z.string({ error: 'site_name is required and must be text' }).min(1).max(200),
  docs_dir: docsDirSchema.optional(),
  nav: z.array(navEntrySchema).max(MAX_NAV_ENTRIES).optional(),
  markdown_extensions: z
    .array(z.union([z.string().max(200), z.record(z.string().max(200), z.unknown())]))
    .max(200)
    .optional(),
});

export interface ParsedMkdocsConfig {
  config: MkdocsConfig;
  errors: DocsBuildError[];
}

/**
 * Parses and validates mkdocs.yml. Never throws: every problem becomes an error naming the file and
 * line, and what is valid is kept (an invalid `nav` falls back to the default nav, an invalid
 * `docs_dir` to `docs`, a missing `site_name` to "Documentation").
 */
export function parseMkdocsConfig(text: string, file = 'mkdocs.yml'): ParsedMkdocsConfig {
  const defaults: MkdocsConfig = { siteName: DEFAULT_SITE_NAME, docsDir: DEFAULT_DOCS_DIR, markdownExtensions: [] };
  if (Buffer.byteLength(text, 'utf8') > MAX_CONFIG_BYTES) {
    return { config: defaults, errors: [{ file, message: `${file} is larger than ${MAX_CONFIG_BYTES} bytes; using defaults` }] };
  }
  const lineCounter = new LineCounter();
  // Unknown tags (`!!python/name:...`, `!ENV`) are common in real mkdocs.yml files: the yaml library
  // reports them as warnings and keeps the value as text, which is what we want for fields we ignore.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  const firstError = doc.errors[0];
  if (firstError) {
    return {
      config: defaults,
      errors: [{ file, line: firstError.linePos?.[0]?.line, message: `invalid YAML: ${firstError.message.split('\n')[0]}; using defaults` }],
    };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { config: defaults, errors: [{ file, message: `invalid YAML: ${(err as Error).message}; using defaults` }] };
  }
  if (raw === null || raw === undefined) raw = {};
  const lineOf = (path: ReadonlyArray<PropertyKey>): number | undefined => lineAt(doc, lineCounter, path);

  const parsed = configSchema.safeParse(raw);
  if (parsed.success) {
    const { site_name, docs_dir, nav, markdown_extensions } = parsed.data;
    const errors: DocsBuildError[] = [];
    const navEntries = nav === undefined ? undefined : toNavEntries(nav, ['nav'], lineOf, 1, file, errors);
    return {
      config: {
        siteName: site_name,
        docsDir: docs_dir === undefined ? DEFAULT_DOCS_DIR : (normalizeDocsPath(docs_dir) ?? DEFAULT_DOCS_DIR),
        nav: errors.length > 0 ? undefined : navEntries,
        markdownExtensions: extensionNames(markdown_extensions),
      },
      errors,
    };
  }

  // Report every issue, then keep each top-level field that is valid on its own.
  const errors: DocsBuildError[] = parsed.error.issues.map((issue) => ({
    file,
    line: lineOf(issue.path),
    message: `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`,
  }));
  const fields = (typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const pick = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const r = schema.safeParse(value);
    return r.success ? r.data : undefined;
  };
  const shape = configSchema.shape;
  const siteName = pick(shape.site_name, fields.site_name) ?? DEFAULT_SITE_NAME;
  const docsDir = pick(docsDirSchema, fields.docs_dir);
  const nav = pick(shape.nav, fields.nav);
  const navErrors: DocsBuildError[] = [];
  const navEntries = nav === undefined ? undefined : toNavEntries(nav, ['nav'], lineOf, 1, file, navErrors);
  errors.push(...navErrors);
  return {
    config: {
      siteName,
      docsDir: docsDir === undefined ? DEFAULT_DOCS_DIR : (normalizeDocsPath(docsDir) ?? DEFAULT_DOCS_DIR),
      nav: navErrors.length > 0 ? undefined : navEntries,
      markdownExtensions: extensionNames(pick(shape.markdown_extensions, fields.markdown_extensions)),
    },
    errors,
  };
}

function extensionNames(list: Array<string | Record<string, unknown>> | undefined): string[] {
  return (list ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.keys(entry)));
}

function toNavEntries(
  raw: RawNavEntry[],
  path: PropertyKey[],
  lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined,
  depth: number,
  file: string,
  errors: DocsBuildError[],
  counter = { count: 0 },
): NavConfigEntry[] {
  if (depth > MAX_NAV_DEPTH) {
    errors.push({ file, line: lineOf(path), message: `${path.join('.')}: nav is nested deeper than ${MAX_NAV_DEPTH} levels` });
    return [];
  }
  const out: NavConfigEntry[] = [];
  raw.forEach((entry, i) => {
    counter.count += 1;
    if (counter.count === MAX_NAV_ENTRIES + 1) {
      errors.push({ file, line: lineOf([...path, i]), message: `nav has more than ${MAX_NAV_ENTRIES} entries` });
    }
    if (counter.count > MAX_NAV_ENTRIES) return;
    const line = lineOf([...path, i]);
    if (typeof entry === 'string') {
      out.push(isUrl(entry) ? { kind: 'link', title: entry, url: entry, line } : { kind: 'page', path: entry, line });
      return;
    }
    const [title, value] = Object.entries(entry)[0] as [string, RawNavValue];
    if (typeof value === 'string') {
      out.push(isUrl(value) ? { kind: 'link', title, url: value, line } : { kind: 'page', title, path: value, line });
    } else {
      out.push({ kind: 'section', title, line, children: toNavEntries(value, [...path, i, title], lineOf, depth + 1, file, errors, counter) });
    }
  });
  return out;
}

export function isUrl(target: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(target) || target.startsWith('//');
}

/** Line of the node at `path`, or of its nearest existing ancestor (for a missing key). */
function lineAt(doc: Document, lineCounter: LineCounter, path: ReadonlyArray<PropertyKey>): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if ((isMap(node) || isSeq(node) || isScalar(node)) && node.range) {
      return lineCounter.linePos(node.range[0]).line;
    }
  }
  return undefined;
}
