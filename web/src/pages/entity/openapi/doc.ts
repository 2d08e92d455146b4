// Reading an OpenAPI (3.x) or Swagger (2.0) document defensively: it is user-written YAML/JSON,
// so every field is checked before use.
import { parse } from 'yaml';

export type Obj = Record<string, unknown>;

export const obj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

export type Operation = { method: string; path: string; op: Obj; pathParams: unknown[] };

export function parseDefinition(text: string): { doc?: Obj; error?: string } {
  try {
    const doc = obj(parse(text));
    if (!doc) return { error: 'The definition is not a YAML or JSON object.' };
    if (!doc.openapi && !doc.swagger) return { error: 'The definition has neither an "openapi" nor a "swagger" field.' };
    return { doc };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export function operations(doc: Obj): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(obj(doc.paths) ?? {})) {
    const pi = obj(item);
    if (!pi) continue;
    for (const method of METHODS) {
      const op = obj(pi[method]);
      if (op) out.push({ method, path, op, pathParams: arr(pi.parameters) });
    }
  }
  return out;
}

/** Follows a local `$ref` (`#/components/schemas/X`) once; other refs are returned as is. */
export function deref(doc: Obj, v: unknown): Obj | undefined {
  const o = obj(v);
  const ref = str(o?.$ref);
  if (!ref?.startsWith('#/')) return o;
  let cur: unknown = doc;
  for (const part of ref.slice(2).split('/')) cur = obj(cur)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return obj(cur) ?? o;
}

export const refName = (ref: string): string => ref.split('/').pop() ?? ref;

/** A one-line type: `string`, `array<Product>`, `Product`, `integer (int64)`, `"a" | "b"`. */
export function typeLabel(schema: unknown): string {
  const s = obj(schema);
  if (!s) return 'any';
  const ref = str(s.$ref);
  if (ref) return refName(ref);
  const en = arr(s.enum);
  if (en.length) return en.slice(0, 6).map((x) => JSON.stringify(x)).join(' | ') + (en.length > 6 ? ' | …' : '');
  for (const k of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = arr(s[k]);
    if (list.length) return list.map(typeLabel).join(k === 'allOf' ? ' & ' : ' | ');
  }
  const type = Array.isArray(s.type) ? s.type.map(String).join(' | ') : str(s.type);
  if (type === 'array') return `array<${typeLabel(s.items)}>`;
  const fmt = str(s.format);
  const base = type ?? (obj(s.properties) ? 'object' : 'any');
  return fmt ? `${base} (${fmt})` : base;
}

/** Swagger 2 keeps schemas in `definitions`, OpenAPI 3 in `components.schemas`. */
export function schemasOf(doc: Obj): [string, Obj][] {
  const map = obj(obj(doc.components)?.schemas) ?? obj(doc.definitions) ?? {};
  return Object.entries(map).flatMap(([k, v]) => (obj(v) ? [[k, v as Obj] as [string, Obj]] : []));
}

/** Merges `allOf` parts (resolving local refs) into one object schema, so composed types show all fields. */
export function flattenAllOf(doc: Obj, schema: Obj, depth = 0): Obj {
  const parts = arr(schema.allOf);
  if (!parts.length || depth > 4) return schema;
  const properties: Obj = {};
  const required: unknown[] = [];
  for (const part of parts) {
    const p = deref(doc, part);
    if (!p) continue;
    const flat = flattenAllOf(doc, p, depth + 1);
    Object.assign(properties, obj(flat.properties) ?? {});
    required.push(...arr(flat.required));
  }
  Object.assign(properties, obj(schema.properties) ?? {});
  required.push(...arr(schema.required));
  return { ...schema, type: 'object', properties, required };
}
