// Migration diffs of the services behind a golden path (ADR 0021). For each one: the task that created
// it (its parameter values; secrets are never read), the stored snapshot of its version, and two dry
// runs — that snapshot and the current template — compared file by file. Renderings are shared between
// services with the same version and values within one request.
import type { Kysely } from 'kysely';
import type { GoldenPathMigration, GoldenPathService, ServiceDiff } from '../../../contracts';
import { compareSemver } from '../../../model';
import type { Actor } from '../../platform/actor';
import { can } from '../../platform/authz';
import type { Database } from '../../platform/db/schema';
import type { ScaffolderService } from '../scaffolder';
import { compareRenderings, noDiff, type RenderedFile } from './goldenPaths.diff';
import { snapshotRepo, type SnapshotRow } from './goldenPaths.repo';

export interface MigrationDiffDeps {
  db: Kysely<Database>;
  scaffolder: Pick<ScaffolderService, 'renderFiles' | 'creatingTasks'>;
  /** Asks the snapshot job to run now (a path was read whose current version is not stored yet). */
  requestSnapshots: () => Promise<void>;
}

/** The path as the migration sees it. */
export interface MigrationPath { ref: string; version: string; template: string }

const MAX_REASON = 2000;
const clip = (s: string) => (s.length > MAX_REASON ? `${s.slice(0, MAX_REASON - 1)}…` : s);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createMigrationDiffs(deps: MigrationDiffDeps) {
  const mayCompute = (actor: Actor) => can(actor, 'scaffolder.task.dry-run');

  /** Whether diffs can be shown for this path to this caller, and which versions are stored. */
  async function overview(actor: Actor, path: MigrationPath): Promise<GoldenPathMigration['diff']> {
    const versions = (await snapshotRepo.versions(deps.db, path.ref.toLowerCase())).map((v) => v.version);
    if (!versions.includes(path.version)) await deps.requestSnapshots();
    const older = versions.filter((v) => (compareSemver(v, path.version) ?? 0) < 0);
    const canCompute = mayCompute(actor);
    const reason = !canCompute
      ? 'Seeing what changed runs the template as a dry run: it needs the scaffolder.task.dry-run permission (an editor or admin token).'
      : older.length === 0
        ? `No older version of this path's template is stored (stored: ${versions.join(', ') || 'none'}); Paved keeps a version from the moment it sees it (ADR 0021).`
        : `Template output of each service's version against ${path.version}, rendered with the service's own parameters (stored versions: ${versions.join(', ')}).`;
    return { available: canCompute && older.length > 0, reason, snapshots: versions, canCompute };
  }

  /** The diffs of `services` (all behind `path`); only the first `count` are computed, the rest say so. */
  async function diffs(actor: Actor, path: MigrationPath, services: GoldenPathService[], count: number): Promise<ServiceDiff[]> {
    const computed = services.slice(0, count);
    const tasks = mayCompute(actor) && computed.length ? await deps.scaffolder.creatingTasks(computed.map((s) => s.entityRef)) : new Map();
    const snapshots = new Map<string, Promise<SnapshotRow | undefined>>();
    const renders = new Map<string, Promise<RenderedFile[]>>();
    const snapshot = (version: string) => {
      if (!snapshots.has(version)) snapshots.set(version, snapshotRepo.get(deps.db, path.ref.toLowerCase(), version));
      return snapshots.get(version) as Promise<SnapshotRow | undefined>;
    };
    // One rendering per (version, values): services created with the same answers share it.
    const render = (key: string, run: () => Promise<RenderedFile[]>) => {
      if (!renders.has(key)) renders.set(key, run());
      return renders.get(key) as Promise<RenderedFile[]>;
    };

    const one = async (s: GoldenPathService, i: number): Promise<ServiceDiff> => {
      const versions = { from: s.version, to: path.version };
      if (i >= count) return noDiff(`Not computed in this listing: only the first ${count} services behind get their diff (ask for more with ?diffs=, or for this one service).`, versions);
      if (!mayCompute(actor)) return noDiff('Seeing what changed runs the template as a dry run: it needs the scaffolder.task.dry-run permission.', versions);
      if (!s.version) return noDiff('The service records no golden path version (paved.dev/golden-path-version), so there is no older template to compare with.', versions);
      if (s.status !== 'older') return noDiff(`Version ${s.version} is not older than the current version ${path.version}.`, versions);
      const task = tasks.get(s.entityRef.toLowerCase());
      if (!task) return noDiff('Not created by Paved\'s scaffolder: no task holds the parameters it was created with.', versions);
      const snap = await snapshot(s.version);
      if (task.templateRef !== path.template && task.templateRef !== snap?.template_ref) return noDiff(`Created from ${task.templateRef}, not from this path's template ${path.template}.`, versions);
      if (task.createdBy !== actor.ref && !can(actor, 'scaffolder.task.manage-all')) {
        return noDiff('Created by another user\'s task: seeing output rendered with its parameters needs the scaffolder.task.manage-all permission.', versions);
      }
      if (!snap) return noDiff(`Version ${s.version} of this path's template was never stored, so it cannot be rendered again (Paved keeps a version from the moment it sees it; ADR 0021).`, versions);
      const values = JSON.stringify(task.values);
      let before: RenderedFile[];
      let after: RenderedFile[];
      try {
        before = await render(`${s.version}\0${values}`, () => deps.scaffolder.renderFiles(actor, {
          templateRef: snap.template_ref, values: task.values, snapshot: { template: JSON.parse(snap.template) as Record<string, unknown>, files: JSON.parse(snap.files) as RenderedFile[] },
        }));
      } catch (err) {
        return noDiff(clip(`Rendering version ${s.version} with this service's parameters failed: ${message(err)}`), versions);
      }
      try {
        after = await render(`\0current\0${values}`, () => deps.scaffolder.renderFiles(actor, { templateRef: path.template, values: task.values }));
      } catch (err) {
        return noDiff(clip(`Rendering the current version ${path.version} with this service's parameters failed: ${message(err)}`), versions);
      }
      return compareRenderings(before, after, { from: s.version, to: path.version });
    };

    // One service at a time: each rendering is a sandboxed dry run, and the machine is shared.
    const out: ServiceDiff[] = [];
    for (const [i, s] of services.entries()) out.push(await one(s, i));
    return out;
  }

  return { overview, diffs };
}
export type MigrationDiffs = ReturnType<typeof createMigrationDiffs>;
