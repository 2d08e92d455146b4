// Evaluates one typed check or CEL expression against an entity and its facts (ADR 0025). Pure: the
// caller resolves what needs the catalog or the repository (the owner's kind, the repository's files)
// and passes it in. A check never throws: what cannot be decided is an `error` result, shown as such.
import { ANNOTATION_TECHDOCS_REF } from '../annotations';
import type { Entity } from '../entity';
import type { Check } from './checkSchema';
import { compileExpression } from './ruleExpression';
import { RE2JS } from '@bufbuild/re2';

/** The fact that lists the files of an entity's repository (relative paths), for `fileExists`. */
export const FACT_REPOSITORY_FILES = 'repository.files';

export type CheckStatus = 'pass' | 'fail' | 'error';
export interface CheckResult {
  status: CheckStatus;
  /** Why, in words a product engineer can act on (the rule's own fix text is shown beside it). */
  message: string;
}

export interface CheckSubject {
  /** The entity as served: relations included. */
  entity: Entity;
  /** Facts collected for the entity, by name. */
  facts?: Record<string, { value: unknown; collectedAt?: string }>;
  /** The kind of the entity `spec.owner` points at (lowercase), or null when it points at nothing in the catalog. */
  ownerKind?: string | null;
}

export type CompiledCheck = (subject: CheckSubject) => CheckResult;

const pass = (message: string): CheckResult => ({ status: 'pass', message });
const fail = (message: string): CheckResult => ({ status: 'fail', message });

/** The value at a dotted path; annotation and label keys may themselves contain dots, so the longest key that exists wins. */
export function valueAt(root: unknown, path: string): unknown {
  const parts = path.split('.');
  let current: unknown = root;
  let i = 0;
  while (i < parts.length) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    const record = current as Record<string, unknown>;
    let j = parts.length;
    while (j > i && !(parts.slice(i, j).join('.') in record)) j--;
    if (j === i) return undefined;
    current = record[parts.slice(i, j).join('.')];
    i = j;
  }
  return current;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
const shown = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
};

function relationsOf(entity: Entity, type: string): number {
  const t = type.toLowerCase();
  return (entity.relations ?? []).filter((r) => r.type.toLowerCase() === t).length;
}

/** Prepares a check for evaluation over many entities (expressions and patterns are compiled once). */
export function compileCheck(check: Check): CompiledCheck {
  switch (check.type) {
    case 'fieldExists':
      return ({ entity }) => (present(valueAt(entity, check.path)) ? pass(`${check.path} is set`) : fail(`${check.path} is missing`));
    case 'fieldEquals':
      return ({ entity }) => {
        const v = valueAt(entity, check.path);
        return v === check.value ? pass(`${check.path} is ${shown(v)}`) : fail(`expected ${check.path} to be ${shown(check.value)}, but found ${v === undefined ? 'nothing' : shown(v)}`);
      };
    case 'fieldMatches': {
      const re = RE2JS.compile(check.pattern);
      return ({ entity }) => {
        const v = valueAt(entity, check.path);
        if (typeof v !== 'string') return fail(`expected ${check.path} to be a string matching ${check.pattern}, but found ${v === undefined ? 'nothing' : shown(v)}`);
        return re.test(v) ? pass(`${check.path} matches ${check.pattern}`) : fail(`expected ${check.path} to match ${check.pattern}, but found ${shown(v)}`);
      };
    }
    case 'fieldIn':
      return ({ entity }) => {
        const v = valueAt(entity, check.path);
        return (check.values as unknown[]).includes(v) ? pass(`${check.path} is ${shown(v)}`) : fail(`expected ${check.path} to be one of ${check.values.map(shown).join(', ')}, but found ${v === undefined ? 'nothing' : shown(v)}`);
      };
    case 'annotationPresent':
      return ({ entity }) => (present(entity.metadata.annotations?.[check.annotation]) ? pass(`annotation ${check.annotation} is set`) : fail(`annotation ${check.annotation} is missing`));
    case 'ownerIsGroup':
      return ({ entity, ownerKind }) => {
        const owner = (entity.spec as Record<string, unknown> | undefined)?.owner;
        if (typeof owner !== 'string' || owner === '') return fail('spec.owner is missing');
        if (ownerKind === undefined) return { status: 'error', message: `the owner ${owner} was not resolved` };
        if (ownerKind === null) return fail(`the owner ${owner} is not in the catalog`);
        return ownerKind === 'group' ? pass(`owned by the group ${owner}`) : fail(`expected the owner to be a Group, but ${owner} is a ${ownerKind}`);
      };
    case 'hasDocs':
      return ({ entity }) => (present(entity.metadata.annotations?.[ANNOTATION_TECHDOCS_REF]) ? pass('publishes docs') : fail(`annotation ${ANNOTATION_TECHDOCS_REF} is missing`));
    case 'hasApiDefinition':
      return ({ entity }) => {
        if (entity.kind.toLowerCase() === 'api') {
          const definition = (entity.spec as Record<string, unknown> | undefined)?.definition;
          return typeof definition === 'string' && definition.trim() !== '' ? pass('has an API definition') : fail('spec.definition is empty');
        }
        return relationsOf(entity, 'providesApi') > 0 ? pass('provides an API') : fail('provides no API (spec.providesApis)');
      };
    case 'lifecycleIn':
      return ({ entity }) => {
        const v = (entity.spec as Record<string, unknown> | undefined)?.lifecycle;
        return typeof v === 'string' && check.values.includes(v) ? pass(`lifecycle is ${v}`) : fail(`expected spec.lifecycle to be one of ${check.values.join(', ')}, but found ${v === undefined ? 'nothing' : shown(v)}`);
      };
    case 'relationCount':
      return ({ entity }) => {
        const n = relationsOf(entity, check.relation);
        const low = check.min !== undefined && n < check.min;
        const high = check.max !== undefined && n > check.max;
        const range = [check.min !== undefined ? `at least ${check.min}` : '', check.max !== undefined ? `at most ${check.max}` : ''].filter(Boolean).join(' and ');
        return low || high ? fail(`expected ${range} ${check.relation} relations, but found ${n}`) : pass(`${n} ${check.relation} relations`);
      };
    case 'fileExists':
      return ({ facts }) => {
        const files = facts?.[FACT_REPOSITORY_FILES]?.value;
        if (!Array.isArray(files)) return fail(`no repository contents are known for this entity, so ${check.path} cannot be shown to exist`);
        return files.includes(check.path) ? pass(`${check.path} exists`) : fail(`${check.path} is missing from the repository`);
      };
    case 'expression': {
      const compiled = compileExpression(check.expression);
      if (!compiled.ok) return () => ({ status: 'error', message: compiled.error });
      return ({ entity, facts }) => {
        const values = Object.fromEntries(Object.entries(facts ?? {}).map(([k, f]) => [k, f.value]));
        const r = compiled.expression.evaluate({ entity, facts: values });
        if (!r.ok) return { status: 'error', message: r.error };
        return r.value ? pass(`${check.expression} is true`) : fail(`${check.expression} is false`);
      };
    }
  }
}
