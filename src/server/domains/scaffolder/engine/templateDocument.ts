import { LineCounter, parseDocument, type Node } from 'yaml';

/** A template read either as an object (from the catalog) or as YAML text, with a way to find the line of a path. */
export interface TemplateDocument {
  value: unknown;
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
  parseErrors: Array<{ message: string; line?: number }>;
}

const MAX_TEMPLATE_YAML_BYTES = 2 * 1024 * 1024;

export function readTemplateDocument(template: unknown): TemplateDocument {
  if (typeof template !== 'string') return { value: template, lineOf: () => undefined, parseErrors: [] };
  if (Buffer.byteLength(template, 'utf8') > MAX_TEMPLATE_YAML_BYTES) {
    return { value: undefined, lineOf: () => undefined, parseErrors: [{ message: `template is larger than ${MAX_TEMPLATE_YAML_BYTES} bytes` }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(template, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const parseErrors = doc.errors.map((e) => ({
    message: e.message.split('\n')[0] ?? e.message,
    line: e.linePos?.[0]?.line,
  }));
  const lineOf = (path: ReadonlyArray<string | number>): number | undefined => {
    // Walk up until a node exists: a missing key is reported at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const range = (node as Node | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return undefined;
  };
  return { value: parseErrors.length ? undefined : doc.toJS({ maxAliasCount: 100 }), lineOf, parseErrors };
}

/** zod/ajv path segments → `spec.steps[2].action`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(seg))) out += out ? `.${String(seg)}` : String(seg);
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out || '(template)';
}
