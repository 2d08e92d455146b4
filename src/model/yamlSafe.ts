// Bounded YAML parsing shared by descriptor files and `$yaml` placeholders. The `yaml` package is
// what Backstage uses (YAML 1.2 core schema, unique keys, no `<<` merge), but on hostile input it
// can take hundreds of MB and seconds per MB, or overflow the stack on deep nesting. So we drive its
// lexer and parser ourselves and stop a document as soon as it nests too deep or has too many tokens.
import { Composer, Lexer, Parser, isMap, isScalar, isSeq, type CST, type Document, type Node } from 'yaml';

/** Limits that keep parsing bounded in time and memory. */
export type YamlLimits = {
  /** Deepest collection nesting allowed in one document. */
  maxDepth: number;
  /** Alias expansions allowed per document (billion-laughs guard). */
  maxAliases: number;
  /** YAML tokens allowed per document (bounds the syntax tree's memory). */
  maxTokens: number;
};

/** One parsed YAML document: its value, or why it has none. Offsets are relative to the parsed text. */
export type YamlDoc = {
  /** Offset of the document's first character (its `---` marker when present). */
  start: number;
  /** Offset where the document's content starts. */
  contentStart: number;
  end: number;
  value: unknown;
  /** Set when the document could not be read; `offset` points at the problem. */
  error?: { offset: number; message: string };
  /** The syntax tree, for mapping value paths back to offsets. */
  doc?: Document.Parsed;
};

type Chunk = { docs: YamlDoc[]; fatal?: { offset: number; message: string } };

/** Tokenises with limits; returns the CST tokens, or where and why it stopped. */
function tokenize(text: string, limits: YamlLimits): { tokens: CST.Token[]; fatal?: { offset: number; message: string } } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  let count = 0;
  let offset = 0;
  for (const lexeme of new Lexer().lex(text, false)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    offset += lexeme.length;
    count += 1;
    // The parser's stack holds the document, then one entry per open collection (plus the scalar
    // being read), so its length bounds the nesting depth exactly enough.
    if (parser.stack.length > limits.maxDepth + 2) {
      return { tokens, fatal: { offset, message: `nesting is deeper than ${limits.maxDepth} levels` } };
    }
    if (count > limits.maxTokens) {
      return { tokens, fatal: { offset, message: `a document has more than ${limits.maxTokens} YAML tokens` } };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

function toValue(doc: Document.Parsed, limits: YamlLimits): { value: unknown; error?: { offset: number; message: string } } {
  const first = doc.errors[0];
  if (first) return { value: undefined, error: { offset: first.pos[0], message: first.message } };
  try {
    return { value: doc.toJS({ maxAliasCount: limits.maxAliases }) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { value: undefined, error: { offset: doc.range[0], message } };
  }
}

/**
 * Parses text holding one or more YAML documents (JSON included) within the limits. Documents are
 * returned in order, each with its value or its first error; a limit breach stops the text there.
 */
export function parseYamlText(text: string, limits: YamlLimits): Chunk {
  const { tokens, fatal } = tokenize(text, limits);
  if (fatal) return { docs: [], fatal };
  const composer = new Composer();
  const docs: YamlDoc[] = [];
  const parsed = [...composer.compose(tokens, false, text.length)];
  for (const doc of parsed) {
    const { value, error } = toValue(doc, limits);
    const contentStart = doc.contents?.range[0] ?? doc.range[0];
    docs.push({ start: doc.range[0], contentStart, end: doc.range[2], value, error, doc });
  }
  return { docs };
}

/** Offset of the deepest node on `path` in a parsed document (map keys for map steps). */
export function offsetOfPath(doc: Document.Parsed, path: ReadonlyArray<string | number>): number | undefined {
  let node: Node | null | undefined = doc.contents;
  let found: number | undefined = node?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      found = (pair.key as Node).range?.[0] ?? found;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      found = item.range?.[0] ?? found;
      node = item;
    } else {
      break;
    }
  }
  return found;
}
