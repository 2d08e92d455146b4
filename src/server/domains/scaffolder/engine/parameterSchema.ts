import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fieldOfJsonPointer as fieldOf } from '../../../../contracts/scaffolder';

// ajv-formats is CommonJS; depending on the loader its function is the default export or `.default` of it.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/**
 * One ajv per compile: schemas come from templates (untrusted), and a shared instance would keep every
 * compiled schema alive. draft-07 is ajv's default dialect, as in react-jsonschema-form.
 */
function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, useDefaults: true, logger: false, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

/** Removes the form-only keys (`ui:*`, `backstage:*`) from a parameter schema before JSON Schema sees it. */
export function stripUiKeys(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripUiKeys);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('ui:') || k.startsWith('backstage:')) continue;
    out[k] = stripUiKeys(v);
  }
  return out;
}

/** Compiles a page; throws ajv's message when the page is not a valid JSON Schema. */
export function compileParameterPage(page: Record<string, unknown>): ValidateFunction {
  const schema = stripUiKeys(page) as Record<string, unknown>;
  // A page without `type` is an object of properties in Backstage's forms.
  if (schema.type === undefined && schema.properties !== undefined) schema.type = 'object';
  return createAjv().compile(schema);
}

/** Top-level field names a page can accept, including those that conditional sub-schemas add. */
export function knownFields(schema: unknown, into = new Set<string>(), depth = 0): Set<string> {
  if (!schema || typeof schema !== 'object' || depth > 8) return into;
  const s = schema as Record<string, unknown>;
  if (s.properties && typeof s.properties === 'object') for (const k of Object.keys(s.properties)) into.add(k);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(s[key])) for (const sub of s[key] as unknown[]) knownFields(sub, into, depth + 1);
  }
  for (const key of ['then', 'else', 'if']) knownFields(s[key], into, depth + 1);
  if (s.dependencies && typeof s.dependencies === 'object') {
    for (const dep of Object.values(s.dependencies)) if (!Array.isArray(dep)) knownFields(dep, into, depth + 1);
  }
  return into;
}

export function describeAjvError(e: ErrorObject): { field: string; message: string } {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { field: fieldOf(e.instancePath, String(params.missingProperty)), message: 'is required' };
  if (e.keyword === 'additionalProperties') return { field: fieldOf(e.instancePath, String(params.additionalProperty)), message: 'is not a known field' };
  if (e.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return { field: fieldOf(e.instancePath), message: `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { field: fieldOf(e.instancePath), message: e.message ?? `fails "${e.keyword}"` };
}
