// Checks an mkdocs.yml + docs/ pair: every nav entry names an existing page and every relative
// Markdown link resolves. Returns the problems and the pages' text for content assertions.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { parse } from 'yaml';

type NavItem = string | Record<string, string | NavItem[]>;

function navPaths(items: NavItem[]): string[] {
  return items.flatMap((item) => {
    if (typeof item === 'string') return [item];
    return Object.values(item).flatMap((v) => (typeof v === 'string' ? [v] : navPaths(v)));
  });
}

export function checkMkdocs(root: string): { nav: string[]; pages: Map<string, string>; problems: string[] } {
  const config = parse(readFileSync(join(root, 'mkdocs.yml'), 'utf8')) as { nav?: NavItem[]; docs_dir?: string };
  const docsDir = join(root, config.docs_dir ?? 'docs');
  const nav = navPaths(config.nav ?? []);
  const problems: string[] = [];
  const pages = new Map<string, string>();
  if (nav.length === 0) problems.push('mkdocs.yml: no nav');
  for (const page of nav) {
    const file = join(docsDir, page);
    if (!existsSync(file)) { problems.push('mkdocs.yml nav: ' + page + ' does not exist'); continue; }
    pages.set(page, readFileSync(file, 'utf8'));
  }
  for (const [page, text] of pages) {
    const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = m[1] ?? '';
      if (/^[a-z]+:/i.test(link) || link.startsWith('#')) continue;
      const target = normalize(join(dirname(join(docsDir, page)), link.split('#')[0] ?? ''));
      if (!target.startsWith(docsDir) || !existsSync(target)) problems.push(page + ': link ' + link + ' does not resolve inside ' + (config.docs_dir ?? 'docs') + '/');
    }
  }
  return { nav, pages, problems };
}
