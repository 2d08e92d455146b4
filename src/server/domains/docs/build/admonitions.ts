import type { MarkdownIt, StateBlock } from 'markdown-it';

// MkDocs admonitions (`!!! note "Title"`, Python-Markdown's `admonition`) and collapsible ones
// (`??? note` / `???+ note`, pymdownx.details) with their 4-space indented body. Written here rather
// than taken from npm: the available plugins (markdown-it-admon, markdown-it-admonition) are barely
// used, keep the quotes of `"Title"` in the title and know nothing of `???`.

/** Types MkDocs Material styles; other types render with the plain `admonition` class. */
export const ADMONITION_TYPES = [
  'note', 'abstract', 'summary', 'tldr', 'info', 'todo', 'tip', 'hint', 'important', 'success', 'check', 'done',
  'question', 'help', 'faq', 'warning', 'caution', 'attention', 'failure', 'fail', 'missing', 'danger', 'error',
  'bug', 'example', 'quote', 'cite',
];

const MARKER = /^(!!!|\?\?\?\+?)[ \t]*([\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+"(.*)")?[ \t]*$/;
// Python-Markdown's tab length: the body of an admonition is indented by four columns.
const BODY_INDENT = 4;

function admonitionRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false; // an indented code block
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const ch = state.src.charCodeAt(start);
  if (ch !== 0x21 /* ! */ && ch !== 0x3f /* ? */) return false;
  const m = MARKER.exec(state.src.slice(start, state.eMarks[startLine]));
  if (!m) return false;
  if (silent) return true;

  const marker = m[1]!;
  const types = m[2]!.toLowerCase().split(/[ \t]+/);
  const kind = types[0]!;
  const title = m[3] === undefined ? kind.charAt(0).toUpperCase() + kind.slice(1) : m[3];
  const collapsible = marker.startsWith('?');

  const bodyIndent = state.blkIndent + BODY_INDENT;
  let lastBodyLine = startLine;
  let nextLine = startLine + 1;
  for (; nextLine < endLine; nextLine++) {
    const blank = state.bMarks[nextLine]! + state.tShift[nextLine]! >= state.eMarks[nextLine]!;
    if (blank) continue;
    if (state.sCount[nextLine]! < bodyIndent) break;
    lastBodyLine = nextLine;
  }
  const end = lastBodyLine + 1;

  const tag = collapsible ? 'details' : 'div';
  const open = state.push('admonition_open', tag, 1);
  open.block = true;
  open.markup = marker;
  open.map = [startLine, end];
  open.attrSet('class', ['admonition', ...types].join(' '));
  if (marker === '???+') open.attrSet('open', '');

  if (title !== '') {
    const titleTag = collapsible ? 'summary' : 'p';
    const titleOpen = state.push('admonition_title_open', titleTag, 1);
    titleOpen.attrSet('class', 'admonition-title');
    titleOpen.map = [startLine, startLine + 1];
    const inline = state.push('inline', '', 0);
    inline.content = title;
    inline.map = [startLine, startLine + 1];
    inline.children = [];
    state.push('admonition_title_close', titleTag, -1);
  }

  const oldParent = state.parentType;
  const oldIndent = state.blkIndent;
  const oldLineMax = state.lineMax;
  state.parentType = 'admonition' as typeof state.parentType;
  state.blkIndent = bodyIndent;
  state.lineMax = end; // no lazy continuation past the body
  state.md.block.tokenize(state, startLine + 1, end);
  state.parentType = oldParent;
  state.blkIndent = oldIndent;
  state.lineMax = oldLineMax;

  const close = state.push('admonition_close', tag, -1);
  close.block = true;
  state.line = end;
  return true;
}

export function admonitionPlugin(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'admonition', admonitionRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}
