// Descriptor files (catalog-info.yaml and friends): one or more YAML documents, JSON included.
// Hostile input yields a clear error, never a hang or a memory blow-up: see DESCRIPTOR_LIMITS.
// Documents are parsed one by one, so a broken document does not hide its valid neighbours.
import { parseFastYaml, pathKey, type FastDoc } from './fastYaml';
import { parseYamlText, offsetOfPath, type YamlLimits } from './yamlSafe';

/** Default limits of {@link parseDescriptor}. */
export const DESCRIPTOR_LIMITS = {
  /** 5 MiB per file: far above real descriptors, small enough to parse in seconds. */
  maxBytes: 5 * 1024 * 1024,
  /** Documents per file. */
  maxDocuments: 20_000,
  /** Collection nesting per document (entities need about 8). */
  maxDepth: 64,
  /** Alias expansions per document (the `yaml` package's own default). */
  maxAliases: 100,
  /** YAML tokens per document: bounds memory to roughly 100 MB on the worst input. */
  maxTokens: 200_000,
} as const;

/** Options of {@link parseDescriptor}; `file` names the source in errors. */
export type ParseDescriptorOptions = {
  file: string;
  maxBytes?: number;
  maxDocuments?: number;
  maxDepth?: number;
  maxAliases?: number;
  maxTokens?: number;
};

/** One document of a descriptor file. */
export type DescriptorDocument = {
  /** 0-based position among the file's documents (empty documents count). */
  index: number;
  /** 1-based line where the document's content starts. */
  line: number;
  /** The document's own source text. */
  text: string;
  /** The parsed value: always a mapping (other documents become errors). */
  value: unknown;
  /** 1-based line of the deepest existing node on `path`, else the document's first line. */
  lineOf(path: ReadonlyArray<string | number>): number;
};

/** A problem with a whole file or with one document of it. */
export type DescriptorError = { file: string; line?: number; document?: number; message: string };

/** The outcome of {@link parseDescriptor}: the readable documents and the problems, in file order. */
export type ParsedDescriptor = { documents: DescriptorDocument[]; errors: DescriptorError[] };

/** Sorted offsets of line starts, for offset → line lookups. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Decodes bytes as strict UTF-8 and rejects binary content and oversized input. */
function decode(input: string | Uint8Array, maxBytes: number): { text: string } | { message: string } {
  let text: string;
  if (typeof input === 'string') {
    const bytes = input.length * 3 <= maxBytes ? input.length : new TextEncoder().encode(input).length;
    if (input.length > maxBytes || bytes > maxBytes) return { message: `file is larger than ${maxBytes} bytes` };
    if (LONE_SURROGATE.test(input)) return { message: 'file is not valid UTF-8 text (it has unpaired surrogates)' };
    text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  } else {
    if (input.byteLength > maxBytes) return { message: `file is larger than ${maxBytes} bytes (found ${input.byteLength})` };
    if (input.includes(0)) return { message: 'file looks binary (it contains NUL bytes); expected UTF-8 YAML or JSON text' };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { message: 'file is not valid UTF-8 text' };
    }
  }
  if (text.includes('\u0000')) return { message: 'file looks binary (it contains NUL bytes); expected UTF-8 YAML or JSON text' };
  return { text };
}

/**
 * Offsets where documents start: every line beginning with a `---` marker. Document markers cannot
 * occur inside content in YAML 1.2, so this split is exact — except that `%` directives belong to
 * the next document, so a file with directives is kept in one piece.
 */
function chunkStarts(text: string): number[] {
  if (/^%/m.test(text)) return [0];
  const starts = [0];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  for (let m = marker.exec(text); m; m = marker.exec(text)) if (m.index > 0) starts.push(m.index);
  return starts;
}

function describeRoot(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `a ${typeof value} (${String(value)})`;
}

function fastDocument(index: number, text: string, fast: FastDoc): DescriptorDocument {
  const line = Math.min(...fast.lines.values());
  const lineOf = (path: ReadonlyArray<string | number>): number => {
    for (let n = path.length; n > 0; n--) {
      const found = fast.lines.get(pathKey(path.slice(0, n)));
      if (found !== undefined) return found;
    }
    return line;
  };
  return { index, line, text, value: fast.value, lineOf };
}

/**
 * Parses a descriptor file into its documents. Every document must be a mapping (an entity);
 * empty documents (e.g. a trailing `---`) are skipped. Problems come back as errors with line
 * and document index, and never hide the file's other documents — except file-level limits
 * (size, binary, encoding, document count), which reject the whole file.
 */
export function parseDescriptor(input: string | Uint8Array, opts: ParseDescriptorOptions): ParsedDescriptor {
  const { file } = opts;
  const maxDocuments = opts.maxDocuments ?? DESCRIPTOR_LIMITS.maxDocuments;
  const limits: YamlLimits = {
    maxDepth: opts.maxDepth ?? DESCRIPTOR_LIMITS.maxDepth,
    maxAliases: opts.maxAliases ?? DESCRIPTOR_LIMITS.maxAliases,
    maxTokens: opts.maxTokens ?? DESCRIPTOR_LIMITS.maxTokens,
  };
  const decoded = decode(input, opts.maxBytes ?? DESCRIPTOR_LIMITS.maxBytes);
  if ('message' in decoded) return { documents: [], errors: [{ file, message: decoded.message }] };
  const text = decoded.text;
  const starts = chunkStarts(text);
  if (starts.length > maxDocuments) {
    return { documents: [], errors: [{ file, message: `file has more than ${maxDocuments} documents (found ${starts.length})` }] };
  }
  const lines = lineStarts(text);
  const documents: DescriptorDocument[] = [];
  const errors: DescriptorError[] = [];
  let index = 0;
  for (let c = 0; c < starts.length; c++) {
    const base = starts[c] ?? 0;
    const chunk = text.slice(base, starts[c + 1] ?? text.length);
    const fast = parseFastYaml(chunk, lineAt(lines, base), limits.maxDepth);
    if (fast) {
      documents.push(fastDocument(index++, chunk, fast));
      continue;
    }
    const parsed = parseYamlText(chunk, limits);
    if (parsed.fatal) {
      errors.push({ file, line: lineAt(lines, base + parsed.fatal.offset), document: index, message: parsed.fatal.message });
      index += 1;
      continue;
    }
    for (const doc of parsed.docs) {
      const docIndex = index++;
      const line = lineAt(lines, base + doc.contentStart);
      if (doc.error) {
        errors.push({ file, line: lineAt(lines, base + doc.error.offset), document: docIndex, message: doc.error.message });
      } else if (doc.value === null || doc.value === undefined) {
        continue; // an empty document, e.g. after a trailing `---`
      } else if (typeof doc.value !== 'object' || Array.isArray(doc.value)) {
        errors.push({ file, line, document: docIndex, message: `expected a mapping (an entity) at the document root, but found ${describeRoot(doc.value)}` });
      } else {
        const tree = doc.doc;
        const lineOf = (path: ReadonlyArray<string | number>): number => {
          const offset = tree ? offsetOfPath(tree, path) : undefined;
          return offset === undefined ? line : lineAt(lines, base + offset);
        };
        const docText = parsed.docs.length === 1 ? chunk : chunk.slice(doc.start, doc.end);
        documents.push({ index: docIndex, line, text: docText, value: doc.value, lineOf });
      }
    }
    if (index > maxDocuments) {
      return { documents: [], errors: [{ file, message: `file has more than ${maxDocuments} documents` }] };
    }
  }
  return { documents, errors };
}
