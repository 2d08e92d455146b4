// The slice of JSON Schema (draft-07) plus react-jsonschema-form's `ui:*` keys that template parameter
// pages use, read defensively: schemas come from template authors.

export type JsonSchema = Record<string, unknown>;
export type FormValues = Record<string, unknown>;
/** Field path (`name`, `owner.email`, `tags[0]`) → message shown under the field. */
export type FieldErrors = Record<string, string>;

export type UiOptions = Record<string, unknown>;
export type Ui = {
  field?: string;
  widget?: string;
  help?: string;
  placeholder?: string;
  autofocus: boolean;
  disabled: boolean;
  readonly: boolean;
  options: UiOptions;
};

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const asSchema = (v: unknown): JsonSchema => (isObj(v) ? v : {});

/** `ui:*` keys of one field (rjsf merges the uiSchema into the schema; Backstage templates write them inline). */
export function uiOf(schema: JsonSchema): Ui {
  const options = isObj(schema['ui:options']) ? schema['ui:options'] : {};
  return {
    field: str(schema['ui:field']),
    widget: str(schema['ui:widget']) ?? str(options.widget),
    help: str(schema['ui:help']) ?? str(options.help),
    placeholder: str(schema['ui:placeholder']) ?? str(options.placeholder),
    autofocus: schema['ui:autofocus'] === true || options.autofocus === true,
    disabled: schema['ui:disabled'] === true || options.disabled === true,
    readonly: schema['ui:readonly'] === true || options.readonly === true,
    options,
  };
}

export function typeOf(schema: JsonSchema): string | undefined {
  const t = schema.type;
  if (typeof t === 'string') return t;
  // ["string", "null"] and the like: the first non-null type decides the widget.
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === 'string' && x !== 'null');
  if (isObj(schema.properties)) return 'object';
  if (Array.isArray(schema.enum)) return typeof schema.enum[0] === 'number' ? 'number' : 'string';
  return undefined;
}

export function propertiesOf(schema: JsonSchema): Array<[string, JsonSchema]> {
  if (!isObj(schema.properties)) return [];
  const entries = Object.entries(schema.properties).map(([k, v]) => [k, asSchema(v)] as [string, JsonSchema]);
  const order = Array.isArray(schema['ui:order']) ? schema['ui:order'].filter((x): x is string => typeof x === 'string') : [];
  if (order.length === 0) return entries;
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i >= 0 ? i : order.includes('*') ? order.indexOf('*') : order.length;
  };
  return entries.sort((a, b) => rank(a[0]) - rank(b[0]));
}

export const requiredOf = (schema: JsonSchema): string[] =>
  Array.isArray(schema.required) ? schema.required.filter((x): x is string => typeof x === 'string') : [];

export type EnumOption = { value: string; label: string; raw: unknown };

/** Options of an `enum` (labels from `enumNames` / `ui:enumNames`) or of a `oneOf` of `const`s. */
export function enumOptions(schema: JsonSchema): EnumOption[] | null {
  if (Array.isArray(schema.enum)) {
    const names = Array.isArray(schema.enumNames) ? schema.enumNames : Array.isArray(schema['ui:enumNames']) ? schema['ui:enumNames'] : [];
    return schema.enum.map((v, i) => ({ value: JSON.stringify(v), label: str(names[i]) ?? String(v), raw: v }));
  }
  if (Array.isArray(schema.oneOf) && schema.oneOf.length > 0 && schema.oneOf.every((o) => isObj(o) && 'const' in o)) {
    return schema.oneOf.map((o) => {
      const s = asSchema(o);
      return { value: JSON.stringify(s.const), label: str(s.title) ?? String(s.const), raw: s.const };
    });
  }
  return null;
}

/** Titles to show for a field path (falls back to the key). */
export function titleOf(schema: JsonSchema, key: string): string {
  return str(schema.title) ?? key;
}

/** Schema defaults for a page's properties that have no value yet (nested objects too). */
export function withDefaults(schema: JsonSchema, values: FormValues): FormValues {
  const out: FormValues = { ...values };
  for (const [key, prop] of propertiesOf(schema)) {
    if (out[key] === undefined && prop.default !== undefined) out[key] = structuredClone(prop.default);
    else if (out[key] === undefined && typeOf(prop) === 'array' && typeof prop.minItems === 'number' && prop.minItems > 0 && isObj(prop.items) && typeOf(prop.items) === 'object') {
      // rjsf starts a list of objects with `minItems` items, each with its defaults.
      const items = prop.items;
      out[key] = Array.from({ length: Math.min(prop.minItems, 100) }, () => withDefaults(items, {}));
    } else if (typeOf(prop) === 'object' && (out[key] === undefined || isObj(out[key]))) {
      const nested = withDefaults(prop, isObj(out[key]) ? out[key] : {});
      if (Object.keys(nested).length > 0) out[key] = nested;
    }
  }
  return out;
}

/** Drops empty strings, empty arrays and empty objects, as rjsf's `ui:emptyValue` default does, so `required` sees them as missing. */
export function pruneEmpty(value: unknown): unknown {
  if (value === '' || value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value;
  if (isObj(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = pruneEmpty(v);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

/** Top-level field names of `ui:field: Secret` on any page: their values travel in `secrets`. */
export function secretFields(pages: JsonSchema[]): Set<string> {
  const out = new Set<string>();
  for (const page of pages) for (const [k, p] of propertiesOf(page)) if (uiOf(p).field === 'Secret') out.add(k);
  return out;
}

/** A field's place in the values: object keys, and indexes into arrays (`members[1].name` is `['members', 1, 'name']`). */
export type FieldPath = Array<string | number>;

export function getPath(values: FormValues, path: FieldPath): unknown {
  let cur: unknown = values;
  for (const p of path) cur = typeof p === 'number' ? (Array.isArray(cur) ? cur[p] : undefined) : isObj(cur) ? cur[p] : undefined;
  return cur;
}

function setIn(container: unknown, path: FieldPath, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    const out = Array.isArray(container) ? [...container] : [];
    out[head] = setIn(out[head], rest, value);
    return out;
  }
  const out: Record<string, unknown> = isObj(container) ? { ...container } : {};
  const next = setIn(out[head], rest, value);
  if (next === undefined) delete out[head];
  else out[head] = next;
  return out;
}

export function setPath(values: FormValues, path: FieldPath, value: unknown): FormValues {
  return path.length === 0 ? values : (setIn(values, path, value) as FormValues);
}

/** The name a field has in problems and ids: `service.port`, `members[1].name` (as fieldOfJsonPointer writes them). */
export function fieldName(path: FieldPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** `owner.email` → the page property that holds it (`owner`). */
export const topField = (field: string): string => field.split(/[.[]/)[0] ?? field;
