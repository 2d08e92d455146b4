// Checks and builds this documentation site with no dependencies: every nav entry must name an
// existing page, every relative link (and #anchor) must resolve, then each page becomes static HTML
// in site/. It reads the subset of mkdocs.yml that matters here (site_name, docs_dir, nav), so the
// same sources also build with MkDocs/TechDocs.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const MAX_PAGE_BYTES = 1024 * 1024;

/** Parses site_name, docs_dir and nav from mkdocs.yml text. Returns nav as [{title, path?, children?}]. */
export function parseMkdocs(text) {
  const config = { siteName: 'Documentation', docsDir: 'docs', nav: [] };
  const lines = text.split(/\r?\n/);
  const unquote = (s) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const top = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (!top) continue;
    if (top[1] === 'site_name') config.siteName = unquote(top[2]);
    if (top[1] === 'docs_dir') config.docsDir = unquote(top[2]);
    if (top[1] === 'nav') {
      const block = [];
      while (i + 1 < lines.length && (/^\s/.test(lines[i + 1]) || lines[i + 1].trim() === '')) block.push(lines[++i]);
      config.nav = parseNavBlock(block.filter((l) => l.trim() !== '' && !l.trim().startsWith('#')), unquote);
    }
  }
  return config;
}

function parseNavBlock(lines, unquote) {
  const root = [];
  const stack = [{ indent: -1, items: root }];
  for (const line of lines) {
    const m = /^(\s*)-\s+(.*)$/.exec(line);
    if (!m) throw new Error('mkdocs.yml nav: cannot read line "' + line.trim() + '"');
    const indent = m[1].length;
    while (stack.length > 1 && indent <= stack[stack.length - 1].indent) stack.pop();
    const entry = m[2];
    const kv = /^(.+?):\s*(.*)$/.exec(entry);
    const item = kv ? { title: unquote(kv[1]), path: kv[2] ? unquote(kv[2]) : undefined } : { title: undefined, path: unquote(entry) };
    stack[stack.length - 1].items.push(item);
    if (kv && !kv[2]) {
      item.children = [];
      stack.push({ indent, items: item.children });
    }
  }
  return root;
}

export function flattenNav(nav) {
  return nav.flatMap((item) => (item.children ? flattenNav(item.children) : [item]));
}

export function slugify(text) {
  return text.toLowerCase().replace(/<[^>]+>|`/g, '').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-');
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(text) {
  const codes = [];
  let out = text.replace(/`([^`]+)`/g, (_, code) => '\uE000' + (codes.push(escapeHtml(code)) - 1) + '\uE000');
  out = escapeHtml(out)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, href) => '<a href="' + rewriteHref(href) + '">' + label + '</a>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*]+)\*/g, '$1<em>$2</em>');
  return out.replace(/\uE000(\d+)\uE000/g, (_, n) => '<code>' + codes[Number(n)] + '</code>');
}

function rewriteHref(href) {
  if (/^[a-z]+:/i.test(href) || href.startsWith('#')) return href;
  return href.replace(/(^|\/)index\.md(#|$)/, '$1index.html$2').replace(/\.md(#|$)/, '.html$1');
}

const splitRow = (row) => row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());

/** Renders the Markdown this site uses: headings, paragraphs, lists, fenced code, tables, admonitions. */
export function renderMarkdown(markdown) {
  const lines = markdown.split(/\r?\n/);
  const html = [];
  const headings = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const fence = /^```\s*([\w-]*)/.exec(line);
    if (fence) {
      const code = [];
      while (++i < lines.length && !lines[i].startsWith('```')) code.push(lines[i]);
      i++;
      html.push('<pre><code' + (fence[1] ? ' class="language-' + fence[1] + '"' : '') + '>' + escapeHtml(code.join('\n')) + '</code></pre>');
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const id = slugify(heading[2]);
      headings.push(id);
      html.push('<h' + heading[1].length + ' id="' + id + '">' + inline(heading[2]) + '</h' + heading[1].length + '>');
      i++;
      continue;
    }
    const admonition = /^!!!\s+(\w+)(?:\s+"([^"]*)")?\s*$/.exec(line);
    if (admonition) {
      const body = [];
      while (++i < lines.length && (lines[i].startsWith('    ') || lines[i].trim() === '')) body.push(lines[i].slice(4));
      const title = admonition[2] ?? admonition[1][0].toUpperCase() + admonition[1].slice(1);
      const inner = renderMarkdown(body.join('\n'));
      headings.push(...inner.headings);
      html.push('<div class="admonition ' + admonition[1] + '"><p class="admonition-title">' + escapeHtml(title) + '</p>' + inner.html + '</div>');
      continue;
    }
    if (line.trim().startsWith('|') && i + 1 < lines.length && /^\s*\|?[\s:|-]+\|?\s*$/.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      const head = splitRow(line);
      const rows = [];
      i += 2;
      while (i < lines.length && lines[i].trim().startsWith('|')) rows.push(splitRow(lines[i++]));
      html.push('<table><thead><tr>' + head.map((c) => '<th>' + inline(c) + '</th>').join('') + '</tr></thead><tbody>'
        + rows.map((r) => '<tr>' + r.map((c) => '<td>' + inline(c) + '</td>').join('') + '</tr>').join('') + '</tbody></table>');
      continue;
    }
    const listItem = /^\s*([-*]|\d+\.)\s+(.*)$/;
    if (listItem.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items = [];
      while (i < lines.length && (listItem.test(lines[i]) || (/^\s{2,}\S/.test(lines[i]) && items.length))) {
        const m = listItem.exec(lines[i]);
        if (m) items.push(m[2]);
        else items[items.length - 1] += ' ' + lines[i].trim();
        i++;
      }
      const tag = ordered ? 'ol' : 'ul';
      html.push('<' + tag + '>' + items.map((it) => '<li>' + inline(it) + '</li>').join('') + '</' + tag + '>');
      continue;
    }
    if (line.trim() === '') { i++; continue; }
    const para = [];
    while (i < lines.length && lines[i].trim() !== '' && !/^(#{1,6}\s|```|!!!\s|\s*\||\s*([-*]|\d+\.)\s)/.test(lines[i])) para.push(lines[i++].trim());
    if (para.length === 0) para.push(lines[i++].trim());
    html.push('<p>' + inline(para.join(' ')) + '</p>');
  }
  return { html: html.join('\n'), headings };
}

/** Relative links of a Markdown page, outside code blocks and inline code. */
export function relativeLinks(markdown) {
  const links = [];
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) continue;
    for (const m of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!/^[a-z]+:/i.test(m[1])) links.push(m[1]);
    }
  }
  return links;
}

const listPages = (dir, base = dir) => readdirSync(dir).flatMap((name) => {
  const full = join(dir, name);
  if (statSync(full).isDirectory()) return listPages(full, base);
  return name.endsWith('.md') ? [relative(base, full).split('\\').join('/')] : [];
});

/** Checks the site; returns a list of problems, each naming the file and what is wrong. */
export function checkSite(root) {
  const config = parseMkdocs(readFileSync(join(root, 'mkdocs.yml'), 'utf8'));
  const docsDir = join(root, config.docsDir);
  const problems = [];
  if (!existsSync(docsDir)) return { config, pages: new Map(), problems: ['mkdocs.yml: docs_dir "' + config.docsDir + '" does not exist'] };
  const pages = new Map();
  for (const page of listPages(docsDir)) {
    const file = join(docsDir, page);
    if (statSync(file).size > MAX_PAGE_BYTES) problems.push(page + ': larger than ' + MAX_PAGE_BYTES + ' bytes');
    const source = readFileSync(file, 'utf8');
    pages.set(page, { source, ...renderMarkdown(source) });
  }
  const navPages = flattenNav(config.nav);
  if (navPages.length === 0) problems.push('mkdocs.yml: nav is empty');
  for (const item of navPages) {
    if (!item.path) problems.push('mkdocs.yml nav: "' + item.title + '" has no page');
    else if (!/^[a-z]+:/i.test(item.path) && !pages.has(item.path)) problems.push('mkdocs.yml nav: "' + (item.title ?? item.path) + '" points to ' + item.path + ', which does not exist in ' + config.docsDir + '/');
  }
  for (const [page, { source }] of pages) {
    for (const link of relativeLinks(source)) {
      const [target, anchor] = link.split('#');
      const targetPage = target ? posix.normalize(posix.join(posix.dirname(page), target)) : page;
      const found = pages.get(targetPage);
      if (!found) {
        if (!target || target.endsWith('.md') || !existsSync(join(docsDir, targetPage))) problems.push(page + ': link "' + link + '" does not resolve');
      } else if (anchor && !found.headings.includes(anchor)) {
        problems.push(page + ': link "' + link + '" names a heading that does not exist in ' + targetPage);
      }
    }
  }
  return { config, pages, problems };
}

function navHtml(nav, depth) {
  const up = '../'.repeat(depth);
  return '<ul>' + nav.map((item) => item.children
    ? '<li>' + escapeHtml(item.title ?? '') + navHtml(item.children, depth) + '</li>'
    : '<li><a href="' + up + rewriteHref(item.path ?? '') + '">' + escapeHtml(item.title ?? item.path ?? '') + '</a></li>').join('') + '</ul>';
}

/** Writes one HTML file per page into outDir. Throws with every problem when the check fails. */
export function buildSite(root, outDir = join(root, 'site')) {
  const { config, pages, problems } = checkSite(root);
  if (problems.length) throw new Error('documentation check failed:\n  ' + problems.join('\n  '));
  rmSync(outDir, { recursive: true, force: true });
  const titles = new Map(flattenNav(config.nav).map((item) => [item.path, item.title]));
  for (const [page, { html }] of pages) {
    const depth = page.split('/').length - 1;
    const title = titles.get(page) ?? page;
    const file = join(outDir, page.replace(/\.md$/, '.html'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
      + '<title>' + escapeHtml(title + ' · ' + config.siteName) + '</title><link rel="stylesheet" href="' + '../'.repeat(depth) + 'style.css"></head>'
      + '<body><nav><p class="site-name">' + escapeHtml(config.siteName) + '</p>' + navHtml(config.nav, depth) + '</nav><main>' + html + '</main></body></html>\n');
  }
  writeFileSync(join(outDir, 'style.css'), 'body { display: flex; font-family: system-ui, sans-serif; margin: 0; }\n'
    + 'nav { width: 16rem; padding: 1rem; background: #f4f5f7; min-height: 100vh; }\nmain { max-width: 48rem; padding: 1rem 2rem; }\n'
    + 'pre { background: #f4f5f7; padding: .75rem; overflow-x: auto; }\ntable { border-collapse: collapse; }\n'
    + 'th, td { border: 1px solid #ccd; padding: .25rem .5rem; }\n.admonition { border-left: 4px solid #448aff; padding: .1rem 1rem; background: #eef4ff; }\n'
    + '.admonition-title { font-weight: bold; }\n');
  return { pages: pages.size, outDir };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '.');
  const checkOnly = process.argv.includes('--check');
  try {
    if (checkOnly) {
      const { problems, pages } = checkSite(root);
      if (problems.length) throw new Error('documentation check failed:\n  ' + problems.join('\n  '));
      console.log('checked ' + pages.size + ' pages: every nav entry and relative link resolves');
    } else {
      const { pages, outDir } = buildSite(root);
      console.log('built ' + pages + ' pages into ' + relative(process.cwd(), outDir) + '/');
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
