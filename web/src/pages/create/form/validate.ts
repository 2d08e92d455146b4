// Validates one wizard page with ajv — the same validator, dialect (draft-07) and options the server uses
// for task creation, so a page that passes here is not rejected later for the same schema — plus the
// rules of the field extensions that JSON Schema cannot express (entity names, repo URLs, tags).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { FIELD_FORMATS } from '../../../../../src/model/fieldFormat';
import { resolveSchema, type IsValid } from './conditional';
import { REPO_PART_RULE, parseRepoUrl } from './rules';
import { propertiesOf, pruneEmpty, uiOf, type FieldErrors, type FormValues, type JsonSchema } from './schema';
import { fieldOfJsonPointer as fieldOf } from '../../../../../src/contracts/scaffolder';

// ajv-formats is CommonJS; depending on the bundler its function is the default export or `.default` of it.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
addFormats(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction | Error>();

function stripUiKeys(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripUiKeys);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) if (!k.startsWith('ui:') && !k.startsWith('backstage:')) out[k] = stripUiKeys(v);
  return out;
}

function compile(page: JsonSchema, asPage = true): ValidateFunction | Error {
  let fn = compiled.get(page);
  if (!fn) {
    try {
      const schema = stripUiKeys(page) as JsonSchema;
      if (asPage && schema.type === undefined && schema.properties !== undefined) schema.type = 'object';
      fn = ajv.compile(schema);
    } catch (err) {
      fn = err instanceof Error ? err : new Error(String(err));
    }
    compiled.set(page, fn);
  }
  return fn;
}

/** Checks a value against a sub-schema of a page (an `if`, a dependency's trigger); compiled once per sub-schema object. */
export const isValid: IsValid = (schema, value) => {
  const fn = compile(schema, false);
  return !(fn instanceof Error) && fn(value) === true;
};

/** Errors of a one-off schema (a page resolved for its values), not kept in ajv's cache. */
function errorsOnce(schema: JsonSchema, data: unknown): ErrorObject[] | Error {
  const stripped = stripUiKeys(schema) as JsonSchema;
  if (stripped.type === undefined) stripped.type = 'object';
  try {
    const fn = ajv.compile(stripped);
    const errors = fn(data) ? [] : [...(fn.errors ?? [])];
    ajv.removeSchema(stripped);
    return errors;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** ajv's error in words a form user reads (the field's title is already the label above it). */
function describe(e: ErrorObject, page: JsonSchema): { field: string; message: string } {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { field: fieldOf(e.instancePath, String(params.missingProperty)), message: 'Required' };
  const field = fieldOf(e.instancePath);
  const prop = propertiesOf(page).find(([k]) => k === field)?.[1];
  switch (e.keyword) {
    case 'pattern': {
      const hint = prop ? uiOf(prop).options.patternMessage : undefined;
      return { field, message: typeof hint === 'string' ? hint : `Must match the pattern ${String(params.pattern)}` };
    }
    case 'minLength':
      return { field, message: `Must be at least ${String(params.limit)} characters` };
    case 'maxLength':
      return { field, message: `Must be at most ${String(params.limit)} characters` };
    case 'enum':
      return { field, message: `Must be one of ${Array.isArray(params.allowedValues) ? params.allowedValues.map((v) => JSON.stringify(v)).join(', ') : 'the listed values'}` };
    default:
      return { field, message: e.message ? e.message.charAt(0).toUpperCase() + e.message.slice(1) : `Fails "${e.keyword}"` };
  }
}

/** Rules of the field extensions, for fields that have a value. */
function extensionProblem(schema: JsonSchema, value: unknown): string | undefined {
  const field = uiOf(schema).field;
  if (field === 'EntityNamePicker' && typeof value === 'string' && !FIELD_FORMATS.name.test(value)) {
    return 'Use 1–63 letters, digits, "-", "_" or "." (starting and ending with a letter or digit)';
  }
  if (field === 'RepoUrlPicker' && typeof value === 'string') {
    const { host, owner, repo } = parseRepoUrl(value);
    if (!host) return 'Choose a host';
    if (!owner) return 'Enter the owner';
    if (!REPO_PART_RULE.test(owner)) return 'The owner may use letters, digits, ".", "_" and "-"';
    if (!repo) return 'Enter the repository name';
    if (!REPO_PART_RULE.test(repo)) return 'The repository name may use letters, digits, ".", "_" and "-"';
  }
  if (field === 'EntityTagsPicker' && Array.isArray(value)) {
    const bad = value.find((t) => typeof t !== 'string' || !FIELD_FORMATS.tag.test(t));
    if (bad !== undefined) return `"${String(bad)}" is not a valid tag: sequences of a-z, 0-9, ":", "+", "#" joined by "-" (at most 63)`;
  }
  return undefined;
}

/**
 * Problems of one page's fields, keyed by field path. `values` should hold only the fields the pages show
 * (visibleValues); `secrets` replace the masked values of Secret fields so their rules (pattern, length)
 * are checked against what the user typed.
 *
 * The verdict is the page schema's, exactly as the server checks it; the messages come from the page
 * resolved for these values (conditional.ts), so a missing dependent field reads "Required" under that
 * field rather than as a failed `oneOf` branch on its trigger.
 */
export function validatePage(page: JsonSchema, values: FormValues, secrets: Record<string, string>): FieldErrors {
  const data = (pruneEmpty({ ...values, ...secrets }) ?? {}) as FormValues;
  const errors: FieldErrors = {};
  const fn = compile(page);
  if (fn instanceof Error) return { '(template)': `The template's parameter schema is invalid: ${fn.message}` };
  const resolved = resolveSchema(page, data, isValid);
  if (!fn(data)) {
    const readable = errorsOnce(resolved, data);
    const list = readable instanceof Error || readable.length === 0 ? fn.errors ?? [] : readable;
    for (const e of list) {
      if (e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'anyOf') continue; // the failing branch says what is wrong
      const p = describe(e, resolved);
      errors[p.field] ??= p.message;
    }
    if (Object.keys(errors).length === 0) errors['(page)'] = 'These values do not match any of the choices the template allows';
  }
  for (const [key, prop] of propertiesOf(resolved)) {
    if (errors[key] || data[key] === undefined) continue;
    const problem = extensionProblem(prop, data[key]);
    if (problem) errors[key] = problem;
  }
  return errors;
}
