import type { Command } from 'commander';
import type { DocsNavItemDto, DocsPageDto, DocsSiteDto, SearchResponseDto, Snippet } from '../contracts';
import { api } from './client';
import { splitRef } from './catalogCommands';
import { parseOutput, printData, printTable } from './format';

const enc = encodeURIComponent;
const sitePath = (ref: string) => {
  const r = splitRef(ref, 'component');
  return `/api/docs/${enc(r.namespace)}/${enc(r.kind)}/${enc(r.name)}`;
};

/** `paved search` and `paved docs`: full-text search, reading docs as plain text, building docs. */
export function registerDocsCommands(program: Command): void {
  program.command('search')
    .description('Search docs and catalog entities together, best matches first')
    .argument('<query...>', 'words to look for (the last one also matches as a prefix)')
    .option('-t, --type <type>', 'only docs or only entity results (docs | entity)')
    .option('-l, --limit <n>', 'how many results', '20')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (words: string[], opts: { type?: string; limit: string; output?: string }) => {
      if (opts.type && opts.type !== 'docs' && opts.type !== 'entity') throw new Error(`--type must be docs or entity (got "${opts.type}")`);
      const params = new URLSearchParams({ q: words.join(' '), limit: opts.limit });
      if (opts.type) params.set('types', opts.type);
      const res = await api<SearchResponseDto>('GET', `/api/search?${params}`);
      if (opts.output) return printData(res, parseOutput(opts.output));
      if (res.results.length === 0) return void process.stdout.write(`No results for "${res.query}".\n`);
      printTable(['TYPE', 'RESULT', 'WHERE', 'MATCH'], res.results.map((r) => [
        r.type,
        r.type === 'docs' ? `${r.pageTitle}${r.heading ? ` › ${r.heading}` : ''}` : (r.title ?? r.name),
        r.type === 'docs' ? `${r.entityRef} ${r.link}` : `${r.entityRef}`,
        plainSnippet(r.snippet),
      ]));
    });

  const docs = program.command('docs')
    .description('Read an entity\'s docs: paved docs <entityRef> [page] prints the nav, or a page as plain text')
    .argument('<entityRef>', 'entity reference [kind:][namespace/]name (kind defaults to component)')
    .argument('[page]', 'page slug as listed in the nav (e.g. guide/setup); "/" or "index" for the home page')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (ref: string, page: string | undefined, opts: { output?: string }) => {
      if (page === undefined) {
        const site = await api<DocsSiteDto>('GET', sitePath(ref));
        if (opts.output) return printData(site, parseOutput(opts.output));
        return void process.stdout.write(formatSite(site));
      }
      const slug = page === '/' || page === 'index' ? '' : page.replace(/^\/+|\/+$/g, '');
      const p = await api<DocsPageDto>('GET', `${sitePath(ref)}/pages/${slug.split('/').map(enc).join('/')}`);
      if (opts.output) return printData(p, parseOutput(opts.output));
      process.stdout.write(`${htmlToPlainText(p.html)}\n`);
    });

  docs.command('build')
    .description('Build an entity\'s docs now (only when its source changed, unless --force)')
    .argument('<entityRef>', 'entity reference [kind:][namespace/]name')
    .option('-f, --force', 'rebuild even when the source is unchanged')
    .action(async (ref: string, opts: { force?: boolean }) => {
      const res = await api<{ outcome: string; site: { entityRef: string; pageCount: number; errorCount: number } }>('POST', `${sitePath(ref)}/build${opts.force ? '?force=true' : ''}`);
      process.stdout.write(`${res.outcome === 'built' ? 'Built' : 'Unchanged'}: ${res.site.entityRef} (${res.site.pageCount} pages, ${res.site.errorCount} errors)\n`);
    });
}

function formatSite(site: DocsSiteDto): string {
  const lines = [`${site.title} — docs of ${site.entityRef}`, `Source: ${site.source}   Built: ${site.builtAt ?? 'never'}   Pages: ${site.pageCount}`, '', 'Nav:'];
  const walk = (items: DocsNavItemDto[], depth: number) => {
    for (const i of items) {
      lines.push(`${'  '.repeat(depth + 1)}${i.title}${i.slug !== undefined ? `  (${i.slug || '/'})` : i.url ? `  <${i.url}>` : ''}`);
      if (i.children) walk(i.children, depth + 1);
    }
  };
  walk(site.nav, 0);
  lines.push('', `Errors: ${site.errors.length === 0 ? 'none' : ''}`);
  for (const e of site.errors) lines.push(`  ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  return `${lines.join('\n')}\n`;
}

function plainSnippet(snippet: Snippet): string {
  return snippet.map((s) => (s.match ? `*${s.text}*` : s.text)).join('').replace(/\s+/g, ' ').trim().slice(0, 120);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** Readable text of a sanitised page: headings underlined, list items bulleted, code kept as is. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g, (_m, level: string, text: string) => {
      const t = text.replace(/<[^>]+>/g, '').trim();
      return `\n\n${t}\n${(level === '1' ? '=' : '-').repeat(Math.min(t.length, 80))}\n`;
    })
    .replace(/<li[^>]*>/g, '\n  • ')
    .replace(/<\/(p|pre|table|tr|ul|ol|div|blockquote)>/g, '\n')
    .replace(/<\/t[dh]>/g, '\t')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? _m)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
