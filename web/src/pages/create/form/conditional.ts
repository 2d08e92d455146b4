// Conditional parameters as react-jsonschema-form resolves them (its retrieveSchema): the schema an
// object is shown with, given its current values — `dependencies` (a list of required fields, a schema,
// or a `oneOf` whose branch is chosen by the trigger field's value), `if`/`then`/`else`, and `allOf` of
// those, merged into one flat object schema. Fields that no longer apply are left out of what is shown,
// validated and sent (visibleValues), while the form keeps what was typed in case the trigger flips back.
import { asSchema, getPath, propertiesOf, pruneEmpty, typeOf, type FormValues, type JsonSchema } from './schema';

/** Whether `value` is valid against `schema` (ajv in the browser; injected so this file stays pure). */
export type IsValid = (schema: JsonSchema, value: unknown) => boolean;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const CONDITIONAL_KEYS = ['dependencies', 'if', 'then', 'else', 'allOf'];
const MAX_DEPTH = 16;

/** rjsf's mergeSchemas: nested objects merge, `required` lists are joined, anything else is replaced. */
export function mergeSchemas(base: JsonSchema, extra: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const cur = out[k];
    if (k === 'required' && Array.isArray(cur) && Array.isArray(v)) out[k] = [...new Set([...cur, ...v])];
    else if (isObj(cur) && isObj(v)) out[k] = mergeSchemas(cur, v);
    else out[k] = v;
  }
  return out;
}

/** The branch of a oneOf/anyOf dependency whose trigger property accepts the trigger's value, minus that property (rjsf). */
function dependencyBranch(branches: unknown[], trigger: string, value: unknown, isValid: IsValid): JsonSchema | undefined {
  for (const b of branches) {
    const branch = asSchema(b);
    const props = isObj(branch.properties) ? branch.properties : {};
    const cond = props[trigger];
    if (!isObj(cond)) continue;
    if (!isValid(cond, value)) continue;
    const rest = Object.fromEntries(Object.entries(props).filter(([k]) => k !== trigger));
    return { ...branch, properties: rest };
  }
  return undefined;
}

/** The object schema that applies to `values`: every conditional part that holds merged in, recursively. */
export function resolveSchema(schema: JsonSchema, values: unknown, isValid: IsValid, depth = 0): JsonSchema {
  if (depth > MAX_DEPTH) return schema;
  // What the server will see: empty inputs are absent (pruneEmpty), so "" does not trigger a dependency.
  const pruned = pruneEmpty(values);
  const data = isObj(pruned) ? pruned : {};
  let out: JsonSchema = Object.fromEntries(Object.entries(schema).filter(([k]) => !CONDITIONAL_KEYS.includes(k)));
  const merge = (part: unknown) => {
    if (isObj(part)) out = mergeSchemas(out, resolveSchema(part, data, isValid, depth + 1));
  };
  if (Array.isArray(schema.allOf)) for (const part of schema.allOf) merge(part);
  if (isObj(schema.if)) merge(isValid(schema.if, data) ? schema.then : schema.else);
  if (isObj(schema.dependencies)) {
    for (const [trigger, dep] of Object.entries(schema.dependencies)) {
      if (data[trigger] === undefined) continue; // rjsf: a dependency applies once its trigger has a value
      if (Array.isArray(dep)) merge({ required: dep.filter((d) => typeof d === 'string') });
      else if (isObj(dep)) {
        const branches = Array.isArray(dep.oneOf) ? dep.oneOf : Array.isArray(dep.anyOf) ? dep.anyOf : undefined;
        const { oneOf: _oneOf, anyOf: _anyOf, ...plain } = dep;
        merge(plain);
        if (branches) merge(dependencyBranch(branches, trigger, data[trigger], isValid));
      }
    }
  }
  return out;
}

/** The items schema of an array whose items are objects with their own fields (not an enum or a tag list). */
export function objectItems(schema: JsonSchema): JsonSchema | undefined {
  const items = schema.items;
  if (!isObj(items) || typeOf(items) !== 'object' || Array.isArray(items.enum)) return undefined;
  return items;
}

/** `value` with only what `schema` (resolved against it) shows; nested objects and arrays of objects too. */
function visibleOf(schema: JsonSchema, value: unknown, isValid: IsValid, depth: number): unknown {
  if (!isObj(value) || depth > MAX_DEPTH) return value;
  const resolved = resolveSchema(schema, value, isValid);
  const out: FormValues = {};
  for (const [key, prop] of propertiesOf(resolved)) {
    if (value[key] === undefined) continue;
    out[key] = visibleField(prop, value[key], isValid, depth + 1);
  }
  return out;
}

function visibleField(prop: JsonSchema, value: unknown, isValid: IsValid, depth: number): unknown {
  const items = objectItems(prop);
  if (items && Array.isArray(value)) return value.map((item) => visibleOf(items, item, isValid, depth));
  if (typeOf(prop) === 'object' && isObj(prop.properties)) return visibleOf(prop, value, isValid, depth);
  return value;
}

/**
 * The values of the fields that the pages show for these values (rjsf's omitExtraData): a dependent
 * field whose trigger no longer holds is dropped. A top-level key survives if any page shows it.
 */
export function visibleValues(pages: JsonSchema[], values: FormValues, isValid: IsValid): FormValues {
  const out: FormValues = {};
  for (const page of pages) {
    const resolved = resolveSchema(page, values, isValid);
    for (const [key, prop] of propertiesOf(resolved)) {
      const v = getPath(values, [key]);
      if (v !== undefined && !(key in out)) out[key] = visibleField(prop, v, isValid, 1);
    }
  }
  return out;
}
