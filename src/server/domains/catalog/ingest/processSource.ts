import { createHash } from 'node:crypto';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  buildSearchRowsFlat,
  entityRelations,
  isJsonObject,
  parseDescriptor,
  resolvePlaceholders,
  resolvePlaceholderTarget,
  stringifyEntityRef,
  validateEntity,
  type Entity,
  type RelationTriple,
} from '../../../../model';
import type { SourceFile, SourceReader, SourceReadResult } from './sourceTypes';

/** An entity that passed every check, ready to be stored. */
export interface ProcessedEntity {
  ref: string;
  entity: Entity;
  /** `JSON.stringify(entity)`, computed once: it is both what is stored and what is hashed. */
  body: string;
  hash: string;
  relations: RelationTriple[];
  /**
   * Filter rows, flat: `[key, value, originalValue, …]`, with `originalValue` null where it equals `value`
   * (readers COALESCE). Flat, because millions of rows cross from the worker thread (ADR 0015).
   */
  search: Array<string | null>;
  line: number;
  text: string;
}

export interface ProcessingError {
  locationKey: string;
  entityRef: string | null;
  kind: 'read' | 'parse' | 'validation' | 'placeholder' | 'conflict';
  message: string;
  path: string | null;
  line: number | null;
}

export interface SourceOutcome {
  entities: ProcessedEntity[];
  errors: ProcessingError[];
  /** `type:target` of every source that Location entities in this source point at. */
  children: string[];
}

/** Which registered location a source belongs to; recorded on every entity as its origin. */
export interface SourceContext {
  type: string;
  originLocation: string;
}


/**
 * Turns what a reader read into validated entities, errors and child sources. Each document is handled
 * on its own, so one broken document (or file) never blocks its neighbours.
 */
export async function processSource(read: SourceReadResult, reader: SourceReader, ctx: SourceContext): Promise<SourceOutcome> {
  const outcome: SourceOutcome = { entities: [], errors: [], children: [] };
  for (const e of read.errors) outcome.errors.push({ locationKey: e.locationKey, entityRef: null, kind: 'read', message: e.message, path: null, line: null });
  for (const file of read.files) await processFile(file, reader, ctx, outcome);
  return outcome;
}

async function processFile(file: SourceFile, reader: SourceReader, ctx: SourceContext, out: SourceOutcome): Promise<void> {
  const parsed = parseDescriptor(file.bytes, { file: file.locationKey });
  for (const e of parsed.errors) {
    out.errors.push({ locationKey: file.locationKey, entityRef: null, kind: 'parse', message: e.message, path: null, line: e.line ?? null });
  }
  for (const doc of parsed.documents) {
    const guessedRef = guessRef(doc.value);
    const fail = (kind: ProcessingError['kind'], path: string, message: string) =>
      out.errors.push({ locationKey: file.locationKey, entityRef: guessedRef, kind, message, path: path || null, line: doc.lineOf(path ? path.split('.') : []) });

    const resolved = await resolvePlaceholders(doc.value, async (req) => {
      const target = resolvePlaceholderTarget(file.base, req.target, file.root);
      if (!target.ok) throw new Error(target.message);
      return reader.readPlaceholder(file, target.target);
    });
    if (resolved.errors.length > 0) {
      for (const e of resolved.errors) fail('placeholder', e.path, e.message);
      continue;
    }
    const result = toProcessedEntity(withLocationAnnotations(resolved.value, file.locationKey, ctx.originLocation), doc.line, doc.text);
    if (!result.ok) {
      for (const e of result.errors) fail('validation', e.path, e.message);
      continue;
    }
    const { entity } = result.processed;
    if (entity.kind.toLowerCase() === 'location') collectChildren(entity, file, reader, ctx, out);
    out.entities.push(result.processed);
  }
}

/** Validates one entity value and derives its ref, relations and filter rows. */
export function toProcessedEntity(value: unknown, line: number, text: string): { ok: true; processed: ProcessedEntity } | { ok: false; errors: Array<{ path: string; message: string }> } {
  const valid = validateEntity(value);
  if (!valid.ok) return { ok: false, errors: valid.errors };
  const entity = valid.entity;
  const rel = entityRelations(entity);
  if (rel.errors.length > 0) return { ok: false, errors: rel.errors };
  try {
    const search = buildSearchRowsFlat(entity);
    for (let i = 2; i < search.length; i += 3) if (search[i] === search[i - 1]) search[i] = null;
    const body = JSON.stringify(entity);
    return { ok: true, processed: { ref: stringifyEntityRef(entity), entity, body, hash: hashBody(body), relations: rel.relations, search, line, text } };
  } catch (err) {
    return { ok: false, errors: [{ path: '', message: err instanceof Error ? err.message : String(err) }] };
  }
}
function collectChildren(entity: Entity, file: SourceFile, reader: SourceReader, ctx: SourceContext, out: SourceOutcome): void {
  const spec = entity.spec ?? {};
  const type = typeof spec.type === 'string' && spec.type ? spec.type : ctx.type;
  const targets = [spec.target, ...(Array.isArray(spec.targets) ? spec.targets : [])].filter((t): t is string => typeof t === 'string' && t !== '');
  for (const target of targets) {
    try {
      const absolute = type === ctx.type ? reader.resolveChild(file, target) : target;
      out.children.push(`${type}:${absolute}`);
    } catch (err) {
      out.errors.push({
        locationKey: file.locationKey, entityRef: stringifyEntityRef(entity), kind: 'read',
        message: `Location target "${target}" could not be resolved: ${err instanceof Error ? err.message : String(err)}`, path: 'spec.target', line: null,
      });
    }
  }
}

/**
 * Adds the managed-by(-origin)-location annotations. A value whose metadata or annotations have the
 * wrong shape is returned unchanged, so validation reports the real problem instead of it being masked.
 */
export function withLocationAnnotations(value: unknown, locationKey: string, origin: string): unknown {
  if (!isJsonObject(value) || !isJsonObject(value.metadata)) return value;
  const annotations = value.metadata.annotations ?? {};
  if (!isJsonObject(annotations)) return value;
  return { ...value, metadata: { ...value.metadata, annotations: { ...annotations, [ANNOTATION_LOCATION]: locationKey, [ANNOTATION_ORIGIN_LOCATION]: origin } } };
}

/** Best-effort ref of a document that failed, so its error can be attached to the entity's last good version. */
function guessRef(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const kind = v.kind;
  const name = v.metadata?.name;
  const ns = v.metadata?.namespace ?? 'default';
  if (typeof kind !== 'string' || typeof name !== 'string' || typeof ns !== 'string' || !kind || !name) return null;
  const ref = `${kind}:${ns}/${name}`;
  // ICU lowercasing is slow and this runs for every document; ASCII (nearly every ref) needs none of it.
  return /^[ -~]*$/.test(ref) ? ref.toLowerCase() : ref.toLocaleLowerCase('en-US');
}

export function hashEntity(entity: Entity): string {
  return hashBody(JSON.stringify(entity));
}

function hashBody(body: string): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 32);
}
