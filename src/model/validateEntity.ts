// validateEntity: Backstage's default entity policy chain (SchemaValidEntityPolicy,
// DefaultNamespaceEntityPolicy, NoForeignRootFieldsEntityPolicy, FieldFormatEntityPolicy with the
// default validators) followed by the kind check (some registered kind must accept the entity).
// Verdicts match Backstage exactly (see test/model/oracle.test.ts); unlike Backstage, every problem
// is reported, each with the field path, what was expected and what was found.
import type { z } from 'zod';
import type { Entity } from './entity';
import { DEFAULT_NAMESPACE } from './entityRef';
import { describeValue, joinPath, type EntityFieldError } from './formatError';
import { FIELD_FORMATS, type FormatRule } from './fieldFormat';
import { findKindSchema, KIND_SCHEMAS, type KindSchema } from './kinds';

export type { EntityFieldError } from './formatError';

/** The outcome of {@link validateEntity}. */
export type EntityValidationResult = { ok: true; entity: Entity } | { ok: false; errors: EntityFieldError[] };

/** Options of {@link validateEntity}. */
export type ValidateEntityOptions = {
  /** The kinds to accept; defaults to {@link KIND_SCHEMAS}. */
  kinds?: readonly KindSchema[];
};

const ROOT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'];

type Sink = EntityFieldError[];

/** A plain JSON-style object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expect(sink: Sink, path: string, expected: string, found: unknown): void {
  sink.push({ path, message: `expected ${expected}, but found ${describeValue(found)}` });
}

/** A required or optional string that must be non-empty and satisfy `rule` (absent = undefined). */
function checkString(sink: Sink, path: string, value: unknown, rule: FormatRule | undefined, required: boolean): void {
  if (value === undefined) {
    if (required) expect(sink, path, rule ? rule.expected : 'a non-empty string', value);
    return;
  }
  if (typeof value !== 'string' || value.length === 0) {
    expect(sink, path, rule ? rule.expected : 'a non-empty string', value);
  } else if (rule && !rule.test(value)) {
    expect(sink, path, rule.expected, value);
  }
}

function checkKeyValues(sink: Sink, path: string, value: unknown, key: FormatRule, val: FormatRule): void {
  if (value === undefined) return;
  if (!isJsonObject(value)) return expect(sink, path, 'an object of string keys to string values', value);
  for (const [k, v] of Object.entries(value)) {
    if (!key.test(k)) sink.push({ path: `${path}.${k}`, message: `invalid key; expected ${key.expected}, but found ${describeValue(k)}` });
    if (!val.test(v)) expect(sink, `${path}.${k}`, val.expected, v);
  }
}

function checkTags(sink: Sink, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return expect(sink, 'metadata.tags', 'an array of strings', value);
  value.forEach((tag, i) => {
    if (!FIELD_FORMATS.tag.test(tag)) expect(sink, `metadata.tags.${i}`, FIELD_FORMATS.tag.expected, tag);
  });
}

function checkLinks(sink: Sink, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return expect(sink, 'metadata.links', 'an array of links', value);
  value.forEach((link: unknown, i) => {
    const path = `metadata.links.${i}`;
    if (!isJsonObject(link)) return expect(sink, path, 'an object with a url', link);
    checkString(sink, `${path}.url`, link.url, FIELD_FORMATS.url, true);
    checkString(sink, `${path}.title`, link.title, FIELD_FORMATS.nonEmptyString, false);
    checkString(sink, `${path}.icon`, link.icon, FIELD_FORMATS.nonEmptyString, false);
    checkString(sink, `${path}.type`, link.type, undefined, false);
  });
}

function checkMetadata(sink: Sink, meta: unknown): void {
  if (!isJsonObject(meta)) return expect(sink, 'metadata', 'an object', meta);
  checkString(sink, 'metadata.name', meta.name, FIELD_FORMATS.name, true);
  checkString(sink, 'metadata.namespace', meta.namespace, FIELD_FORMATS.namespace, false);
  checkString(sink, 'metadata.uid', meta.uid, undefined, false);
  checkString(sink, 'metadata.etag', meta.etag, undefined, false);
  checkString(sink, 'metadata.title', meta.title, undefined, false);
  if (meta.description !== undefined && typeof meta.description !== 'string') {
    expect(sink, 'metadata.description', 'a string', meta.description);
  }
  checkKeyValues(sink, 'metadata.labels', meta.labels, FIELD_FORMATS.labelKey, FIELD_FORMATS.labelValue);
  checkKeyValues(sink, 'metadata.annotations', meta.annotations, FIELD_FORMATS.annotationKey, FIELD_FORMATS.annotationValue);
  checkTags(sink, meta.tags);
  checkLinks(sink, meta.links);
}

function checkEnvelope(sink: Sink, input: Record<string, unknown>): void {
  for (const key of Object.keys(input)) {
    if (!ROOT_FIELDS.includes(key)) {
      const hint = key === 'relations' || key === 'status' ? ' (it is produced by the catalog, not read from descriptors)' : '';
      sink.push({ path: key, message: `unknown root field${hint}; expected only apiVersion, kind, metadata and spec` });
    }
  }
  checkString(sink, 'apiVersion', input.apiVersion, FIELD_FORMATS.apiVersion, true);
  checkString(sink, 'kind', input.kind, FIELD_FORMATS.kind, true);
  checkMetadata(sink, input.metadata);
  if (input.spec !== undefined && !isJsonObject(input.spec)) expect(sink, 'spec', 'an object', input.spec);
}

function zodMessage(issue: z.core.$ZodIssue): string {
  const found = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}, but found ${found}`;
    case 'too_small':
      return issue.origin === 'string' ? `expected a non-empty string, but found ${found}` : `expected at least ${issue.minimum} items`;
    case 'too_big':
      return `expected at most ${issue.maximum} ${issue.origin === 'string' ? 'characters' : 'items'}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, but found ${found}`;
    default:
      return issue.message.startsWith('expected') ? `${issue.message}, but found ${found}` : issue.message;
  }
}

function checkKind(sink: Sink, entity: Record<string, unknown>, kinds: readonly KindSchema[]): void {
  const apiVersion = String(entity.apiVersion);
  const kind = String(entity.kind);
  const schema = findKindSchema(apiVersion, kind, kinds);
  if (!schema) {
    const meta = entity.metadata as Record<string, unknown>;
    const ref = `${kind.toLowerCase()}:${String(meta.namespace).toLowerCase()}/${String(meta.name).toLowerCase()}`;
    const known = kinds.map((k) => `${k.apiVersions.join('|')} ${k.kind}`).join('; ');
    sink.push({
      path: 'kind',
      message:
        `No processor recognized the entity ${ref} as valid, possibly caused by a foreign kind or apiVersion; ` +
        `found apiVersion ${JSON.stringify(apiVersion)} and kind ${JSON.stringify(kind)}, expected one of: ${known}`,
    });
    return;
  }
  const result = schema.schema.safeParse(entity.spec, { reportInput: true });
  if (result.success) return;
  for (const issue of result.error.issues) sink.push({ path: joinPath(['spec', ...issue.path]), message: zodMessage(issue) });
}

/**
 * Validates an unknown value (typically one parsed descriptor document) as a catalog entity.
 *
 * On success returns a normalised deep copy: `metadata.namespace` defaults to `default`. Root
 * fields other than apiVersion/kind/metadata/spec — including `relations` and `status`, which only
 * the catalog produces — are rejected, as Backstage's NoForeignRootFieldsEntityPolicy does. On
 * failure returns every problem found, each with a dotted field path.
 */
export function validateEntity(input: unknown, options: ValidateEntityOptions = {}): EntityValidationResult {
  if (!isJsonObject(input)) {
    return { ok: false, errors: [{ path: '', message: `expected an object (an entity), but found ${describeValue(input)}` }] };
  }
  const errors: Sink = [];
  checkEnvelope(errors, input);
  if (errors.length > 0) return { ok: false, errors };
  const entity = cloneJson(input) as Record<string, unknown>;
  const meta = entity.metadata as Record<string, unknown>;
  if (meta.namespace === undefined) meta.namespace = DEFAULT_NAMESPACE;
  checkKind(errors, entity, options.kinds ?? KIND_SCHEMAS);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, entity: entity as Entity };
}

/** A deep copy of JSON-like data; `__proto__` keys are copied as plain own properties. */
export function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (!isJsonObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    // Assignment would call the `__proto__` setter instead of creating the key; defineProperty is the slow path, so only for it.
    if (k === '__proto__') Object.defineProperty(out, k, { value: cloneJson(value[k]), enumerable: true, writable: true, configurable: true });
    else out[k] = cloneJson(value[k]);
  }
  return out;
}
