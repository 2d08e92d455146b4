import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance, StateCore, Token } from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { admonitionPlugin } from './admonitions.js';
import type { DocsHeading } from './docsTypes.js';
import { slugifyHeading, uniqueHeadingId } from './headingIds.js';
import { sanitizeDocsHtml, SOURCE_LINE_ATTR, type DocsLinkContext } from './sanitizeDocsHtml.js';

/**
 * What the Markdown of MkDocs sites needs, always on (as Backstage's techdocs-core turns them on):
 * `toc` (heading ids), `tables`, `fenced_code` / `pymdownx.superfences` (fences, also inside lists and
 * admonitions, `{.lang}` info strings), `admonition`, `pymdownx.details` and `meta` (front matter).
 * Other `markdown_extensions` are accepted and ignored.
 */
export const SUPPORTED_MARKDOWN_EXTENSIONS = ['toc', 'tables', 'fenced_code', 'pymdownx.superfences', 'admonition', 'pymdownx.details', 'meta'];

export interface RenderedPage {
  html: string;
  headings: DocsHeading[];
  /** Text of the first `#` heading, for the page title. */
  firstH1?: string;
  /** `title` from YAML front matter, which MkDocs prefers over the first heading. */
  metaTitle?: string;
}

interface RenderEnv {
  headings: DocsHeading[];
  usedIds: Set<string>;
  firstH1?: string;
}

const md = createMarkdown();

function createMarkdown(): MarkdownItInstance {
  // Raw HTML is allowed because MkDocs passes it through and real docs use it (<br>, <details>,
  // <img width>); everything is sanitised afterwards (sanitizeDocsHtml.ts).
  const instance = new MarkdownIt({ html: true, linkify: false, typographer: false });
  instance.use(admonitionPlugin);
  instance.core.ruler.push('docs_heading_ids', headingIdsRule);
  instance.core.ruler.push('docs_source_lines', sourceLinesRule);
  const fence = instance.renderer.rules.fence!;
  instance.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    token.info = fenceLanguage(token.info);
    return fence(tokens, idx, options, env, self);
  };
  return instance;
}

/**
 * Renders one page: Markdown → HTML with heading ids → sanitised HTML with rewritten links
 * (errors for missing targets go to `ctx.errors`).
 */
export function renderMarkdown(source: string, ctx: DocsLinkContext): RenderedPage {
  const { body, metaTitle } = splitFrontMatter(source, ctx);
  const env: RenderEnv = { headings: [], usedIds: new Set() };
  const raw = md.render(body, env as unknown as Record<string, unknown>);
  return { html: sanitizeDocsHtml(raw, ctx), headings: env.headings, firstH1: env.firstH1, metaTitle };
}

/** Plain text of an inline token: what a heading or a search index shows. */
export function inlineText(token: Token): string {
  let text = '';
  for (const child of token.children ?? []) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' ';
    else if (child.type === 'image') text += inlineText(child);
  }
  return text.trim();
}

function headingIdsRule(state: StateCore): void {
  const env = state.env as unknown as RenderEnv;
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    const text = inline?.type === 'inline' ? inlineText(inline) : '';
    const id = uniqueHeadingId(slugifyHeading(text), env.usedIds);
    token.attrSet('id', id);
    const level = Number(token.tag.slice(1));
    env.headings.push({ level, text, id });
    if (level === 1 && env.firstH1 === undefined && text !== '') env.firstH1 = text;
  }
}

/** Marks links and images with their 1-based source line, so a broken one can be reported where it is. */
function sourceLinesRule(state: StateCore): void {
  let blockLine = 0;
  for (const token of state.tokens) {
    if (token.map) blockLine = token.map[0];
    if (token.type !== 'inline' || !token.children) continue;
    let line = blockLine;
    for (const child of token.children) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line += 1;
      else if (child.type === 'link_open' || child.type === 'image') child.attrSet(SOURCE_LINE_ATTR, String(line + 1));
    }
  }
}

/** `python title="x.py"` → `python`; superfences' `{.python .numbers}` → `python`; anything odd → no language. */
export function fenceLanguage(info: string): string {
  const trimmed = info.trim();
  const lang = trimmed.startsWith('{') ? /\.([^\s.}]+)/.exec(trimmed)?.[1] : trimmed.split(/\s+/)[0];
  return lang !== undefined && /^[\w+#.-]{1,40}$/.test(lang) ? lang : '';
}

/**
 * Strips YAML front matter (MkDocs' `meta`), keeping line numbers: its lines become blank lines.
 */
function splitFrontMatter(source: string, ctx: Pick<DocsLinkContext, 'file' | 'errors'>): { body: string; metaTitle?: string } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(source);
  if (!m) return { body: source };
  const blank = '\n'.repeat(m[0].split('\n').length - 1);
  let meta: unknown;
  try {
    meta = parseYaml(m[1]!, { maxAliasCount: 10 });
  } catch (err) {
    // Clearly meant as front matter: report it and still keep it out of the page.
    const line = (err as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    ctx.errors.push({ file: ctx.file, ...(line !== undefined ? { line: line + 1 } : {}), message: `invalid front matter: ${(err as Error).message.split('\n')[0]}` });
    return { body: blank + source.slice(m[0].length) };
  }
  // As in MkDocs, only a mapping is front matter; `---\nSome text\n---` stays Markdown (hr + heading).
  if (meta !== null && (typeof meta !== 'object' || Array.isArray(meta))) return { body: source };
  const title = (meta as { title?: unknown } | null)?.title;
  const metaTitle = typeof title === 'string' ? title.slice(0, 200) : undefined;
  return { body: blank + source.slice(m[0].length), metaTitle };
}
