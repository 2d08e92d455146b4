// Scorecards authored through the API (ADR 0031): saved as documents of the managed location, so they
// are catalog entities like those from files; a scorecard from a file or git location stays read-only
// here. Every save can be previewed first (scorecards.preview.ts).
import type { Kysely } from 'kysely';
import { isScorecard, stringifyEntityRef, type Entity } from '../../../model';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit';
import type { Database } from '../../platform/db/schema';
import { ConflictError, InputError, NotFoundError } from '../../platform/errors';
import type { JobQueue } from '../../platform/jobs';
import { deleteManagedDocument, managedDocumentKey, processManagedDocument, saveManagedDocument, sourceOfEntity } from '../catalog';
import type { CatalogService } from '../catalog/catalog.service';
import { loadScorecards } from './scorecards.definitions';
import type { FactsPort } from './scorecards.evaluate';
import { SCORECARDS_EVALUATE_JOB } from './scorecards.jobs';
import { compileCandidate, previewScorecard } from './scorecards.preview';

export interface ScorecardAuthoringDeps {
  db: Kysely<Database>;
  catalog: Pick<CatalogService, 'byQuery' | 'byRefs' | 'servedVersions' | 'existingRefs'>;
  facts?: FactsPort;
  jobs: Pick<JobQueue, 'enqueue' | 'wake'>;
}

const readOnly = (ref: string, location: string) =>
  new ConflictError(`${ref} is defined as code in ${location}: edit the file there (code is its source of truth); only scorecards saved through the API can be changed here`);

/**
 * Parses and validates a candidate exactly as a location's file would be: every problem with its line
 * and field. It must be one Scorecard document, named as the URL says when one is given.
 */
async function parseCandidate(yaml: string, expected?: { namespace: string; name: string }): Promise<{ ref: string; entity: Entity }> {
  const key = expected ? stringifyEntityRef({ kind: 'scorecard', ...expected }).toLowerCase() : 'scorecard:preview';
  const outcome = await processManagedDocument(key, yaml);
  if (outcome.errors.length > 0) {
    throw new InputError(outcome.errors.map((e) => `${e.line ? `line ${e.line}: ` : ''}${e.path ? `${e.path}: ` : ''}${e.message}`).join('\n'));
  }
  if (outcome.entities.length !== 1) throw new InputError(`expected one Scorecard document, but found ${outcome.entities.length}`);
  const entity = outcome.entities[0]!.entity;
  if (!isScorecard(entity)) throw new InputError(`line 1: kind: expected a Scorecard (apiVersion paved.dev/v1alpha1), but found ${entity.apiVersion} ${entity.kind}`);
  const ref = stringifyEntityRef(entity).toLowerCase();
  if (expected && ref !== key) throw new InputError(`metadata.name: the document names ${ref}, but the URL names ${key}`);
  return { ref, entity };
}

export function createScorecardAuthoring(deps: ScorecardAuthoringDeps) {
  const { db } = deps;
  const current = async (ref: string) => (await loadScorecards(deps.catalog)).find((c) => c.ref === ref);

  async function preview(yaml: string, expected?: { namespace: string; name: string }) {
    const { ref, entity } = await parseCandidate(yaml, expected);
    return previewScorecard({ db, catalog: deps.catalog, facts: deps.facts }, await current(ref), compileCandidate(entity));
  }

  return {
    preview: (yaml: string) => preview(yaml),

    /** Saves (creates or replaces) a scorecard in the managed location; with `dryRun`, previews it instead. */
    async put(actor: Actor, namespace: string, name: string, yaml: string, opts: { dryRun?: boolean } = {}) {
      const { ref } = await parseCandidate(yaml, { namespace, name });
      const source = await sourceOfEntity(db, ref);
      if (source && !source.managed) throw readOnly(ref, source.location);
      if (opts.dryRun) return preview(yaml, { namespace, name });
      const outcome = await processManagedDocument(ref, yaml);
      let created = false;
      await db.transaction().execute(async (trx) => {
        created = !(await trx.selectFrom('managed_documents').select('entity_ref').where('entity_ref', '=', ref).executeTakeFirst());
        const applied = await saveManagedDocument(trx, actor, { entityRef: ref, yaml, outcome });
        // Only a conflict can fail here (validation passed above): another location took the ref meanwhile.
        if (applied.errors > 0) {
          const now = await sourceOfEntity(trx, ref);
          throw readOnly(ref, now?.location ?? 'another location');
        }
        await recordAudit(trx, actor, { action: created ? 'scorecards.create' : 'scorecards.update', target: ref, outcome: 'success', payload: { location: managedDocumentKey(ref), bytes: yaml.length } });
        await deps.jobs.enqueue(SCORECARDS_EVALUATE_JOB, {}, { trx, dedupeKey: SCORECARDS_EVALUATE_JOB });
      });
      deps.jobs.wake();
      return { entityRef: ref, created, location: managedDocumentKey(ref), evaluation: 'queued' as const };
    },

    async remove(actor: Actor, namespace: string, name: string) {
      const ref = stringifyEntityRef({ kind: 'scorecard', namespace, name }).toLowerCase();
      const source = await sourceOfEntity(db, ref);
      if (source && !source.managed) throw readOnly(ref, source.location);
      await db.transaction().execute(async (trx) => {
        if (!(await deleteManagedDocument(trx, ref))) throw new NotFoundError(`No scorecard ${ref} saved through the API`);
        await recordAudit(trx, actor, { action: 'scorecards.delete', target: ref, outcome: 'success', payload: { location: managedDocumentKey(ref) } });
        await deps.jobs.enqueue(SCORECARDS_EVALUATE_JOB, {}, { trx, dedupeKey: SCORECARDS_EVALUATE_JOB });
      });
      deps.jobs.wake();
    },

    /** The text to edit: the saved document, or for a scorecard from a file the document as read from it. */
    async source(namespace: string, name: string) {
      const ref = stringifyEntityRef({ kind: 'scorecard', namespace, name }).toLowerCase();
      const doc = await db.selectFrom('managed_documents').select('yaml').where('entity_ref', '=', ref).executeTakeFirst();
      const src = await sourceOfEntity(db, ref);
      if (doc && (!src || src.managed)) return { entityRef: ref, yaml: doc.yaml, editable: true, location: managedDocumentKey(ref) };
      if (!src) throw new NotFoundError(`No scorecard ${ref}`);
      return { entityRef: ref, yaml: src.text ?? '', editable: false, location: src.location };
    },
  };
}
export type ScorecardAuthoring = ReturnType<typeof createScorecardAuthoring>;
