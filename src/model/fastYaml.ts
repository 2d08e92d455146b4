// A fast path for the plain block YAML that nearly every descriptor is written in. The `yaml`
// package takes ~0.2 ms per small entity here, which makes 10k-entity files slow; this parser reads
// a deliberately narrow subset and returns undefined ("not sure") for anything else, so the caller
// falls back to `yaml`. Whatever it does accept, it must read exactly as `yaml` (YAML 1.2 core
// schema) would: descriptor.test.ts checks that on every fixture and on generated documents.

/** The value of a document plus the line of every key path, for error locations. */
export type FastDoc = { value: Record<string, unknown>; lines: Map<string, number> };

type Frame = { indent: number; node: Record<string, unknown> | unknown[]; path: string };
type Pending = { map: Record<string, unknown>; key: string; indent: number; path: string };

const KEY = /^[A-Za-z_$][A-Za-z0-9_.\-/:$]*$/;
const RESERVED_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\uFEFF\t]|\r(?!\n)/;

/** Documents longer than this are left to the `yaml` package and its limits. */
export const FAST_MAX_CHARS = 64 * 1024;

/** Path key for the line map: segments joined by NUL. */
export const pathKey = (path: ReadonlyArray<string | number>): string => path.join('\u0000');

/** Reads one scalar value, or undefined when it is outside the subset. */
function scalar(text: string): { value: unknown } | undefined {
  const c = text[0];
  if (c === '"' || c === "'") {
    const close = text.indexOf(c, 1);
    if (close === -1 || text.slice(1, close).includes('\\')) return undefined;
    const rest = text.slice(close + 1).trim();
    if (rest !== '' && !rest.startsWith('#')) return undefined;
    if (close + 1 < text.length && !/\s/.test(text[close + 1] ?? '')) return undefined;
    return { value: text.slice(1, close) };
  }
  if (c === '[') return flowList(text);
  if (text === '{}') return { value: {} };
  let plain = text;
  const comment = plain.search(/\s#/);
  if (comment !== -1) plain = plain.slice(0, comment);
  plain = plain.trim();
  if (plain === '' || /[[\]{}]/.test(plain) || plain.includes(': ') || plain.endsWith(':') || plain.startsWith('#')) return undefined;
  if (plain === '~' || plain === 'null' || plain === 'Null' || plain === 'NULL') return { value: null };
  if (plain === 'true' || plain === 'True' || plain === 'TRUE') return { value: true };
  if (plain === 'false' || plain === 'False' || plain === 'FALSE') return { value: false };
  if (/^[0-9]{1,15}$/.test(plain)) return { value: Number(plain) };
  if (!/^[A-Za-z_/$(]/.test(plain)) return undefined;
  return { value: plain };
}

/** `[a, "b", c]` with simple items only. */
function flowList(text: string): { value: unknown[] } | undefined {
  const close = text.indexOf(']');
  if (close === -1) return undefined;
  const rest = text.slice(close + 1).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  const inner = text.slice(1, close).trim();
  if (inner === '') return { value: [] };
  if (/[[{}#'"]/.test(inner)) return undefined;
  const items: unknown[] = [];
  for (const part of inner.split(',')) {
    const item = part.trim();
    if (item === '' || item.includes(':')) return undefined;
    const parsed = scalar(item);
    if (!parsed || typeof parsed.value === 'object') return undefined;
    items.push(parsed.value);
  }
  return { value: items };
}

/** Splits `key: value` / `key:`; undefined when the line is not a simple mapping entry. */
function entry(content: string): { key: string; rest: string } | undefined {
  const sep = content.indexOf(': ');
  const key = sep === -1 ? (content.endsWith(':') ? content.slice(0, -1) : '') : content.slice(0, sep);
  if (!KEY.test(key) || key.endsWith(':') || RESERVED_WORDS.has(key) || key === '__proto__') return undefined;
  const rest = sep === -1 ? '' : content.slice(sep + 2).trim();
  return { key, rest: rest.startsWith('#') ? '' : rest };
}

/**
 * Parses one document of plain block YAML; returns undefined when the text uses anything outside
 * the subset (block scalars, anchors, tags, escapes, multi-line scalars, flow maps, …).
 */
export function parseFastYaml(text: string, firstLine: number, maxDepth: number): FastDoc | undefined {
  // Large documents take the bounded slow path, whose token limit caps their memory.
  if (text.length > FAST_MAX_CHARS || UNSAFE_CHARS.test(text)) return undefined;
  const lines = new Map<string, number>();
  const root: Record<string, unknown> = {};
  const stack: Frame[] = [];
  let pending: Pending | undefined;
  const rows = text.split('\n');
  let first = true;
  for (let i = 0; i < rows.length; i++) {
    let raw = rows[i] ?? '';
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (i === 0 && /^---\s*$/.test(raw)) continue;
    const content = raw.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = raw.length - content.length;
    const line = firstLine + i;
    if (first) {
      if (indent !== 0 || content.startsWith('-')) return undefined;
      stack.push({ indent: 0, node: root, path: '' });
      first = false;
    }
    const isItem = content.startsWith('- ');
    if (pending) {
      const p: Pending = pending;
      pending = undefined;
      if (indent > p.indent || (indent === p.indent && isItem)) {
        const node: Record<string, unknown> | unknown[] = isItem ? [] : {};
        p.map[p.key] = node;
        stack.push({ indent, node, path: p.path });
      } else {
        p.map[p.key] = null;
      }
    }
    while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? 0) > indent) stack.pop();
    let top = stack[stack.length - 1];
    if (top && Array.isArray(top.node) && !isItem && top.indent === indent) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (!top || top.indent !== indent) return undefined;
    const result = Array.isArray(top.node) ? seqLine(top, content, indent, line, stack, lines) : mapLine(top, content, line, lines);
    if (result === undefined || stack.length > maxDepth) return undefined;
    pending = result === true ? undefined : result;
  }
  if (first) return undefined;
  if (pending) pending.map[pending.key] = null;
  return { value: root, lines };
}

/** A `key: value` line into a map frame; returns the pending key when the value follows below. */
function mapLine(top: Frame, content: string, line: number, lines: Map<string, number>): Pending | true | undefined {
  const node = top.node as Record<string, unknown>;
  const e = entry(content);
  if (!e || Object.prototype.hasOwnProperty.call(node, e.key)) return undefined;
  const path = top.path === '' ? e.key : `${top.path}\u0000${e.key}`;
  lines.set(path, line);
  if (e.rest === '') return { map: node, key: e.key, indent: top.indent, path };
  const value = scalar(e.rest);
  if (!value) return undefined;
  node[e.key] = value.value;
  return true;
}

/** A `- item` line into a sequence frame; `- key: value` opens a compact mapping. */
function seqLine(top: Frame, content: string, indent: number, line: number, stack: Frame[], lines: Map<string, number>): Pending | true | undefined {
  if (!content.startsWith('- ')) return undefined;
  const list = top.node as unknown[];
  const rest = content.slice(2).trimStart();
  const path = `${top.path}\u0000${list.length}`;
  lines.set(path, line);
  if (rest === '' || rest.startsWith('-') || rest.startsWith('#')) return undefined;
  const e = entry(rest);
  if (!e) {
    const value = scalar(rest);
    if (!value) return undefined;
    list.push(value.value);
    return true;
  }
  const map: Record<string, unknown> = {};
  list.push(map);
  const frame: Frame = { indent: indent + (content.length - rest.length), node: map, path };
  stack.push(frame);
  return mapLine(frame, rest, line, lines);
}
