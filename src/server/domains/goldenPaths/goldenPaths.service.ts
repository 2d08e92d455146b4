// Golden paths and conformance: which Components follow which path at which version, per path and per
// team. Reads the catalog only through its exported service (queries, facets, refs), so every count is
// an aggregate over the catalog's filter tables (ADR 0016).
import {
  ANNOTATION_GOLDEN_PATH, ANNOTATION_GOLDEN_PATH_VERSION, ANNOTATION_TECHDOCS_REF, compareSemver, parseEntityRef, stringifyEntityRef,
  type Entity, type GoldenPathSpec,
} from '../../../model';
import type {
  CatalogError, GoldenPathAdoption, GoldenPathDetail, GoldenPathList, GoldenPathMigration, GoldenPathMigrationService, GoldenPathService, GoldenPathSummary, TeamConformance,
} from '../../../contracts';
import type { Actor } from '../../platform/actor';
import { NotFoundError } from '../../platform/errors';
import type { CatalogService } from '../catalog/catalog.service';
import type { MigrationDiffs, MigrationPath } from './goldenPaths.migration';
import { behindCurrentVersion, KEY_VERSION, onCurrentVersion, onNoPath, onPaths, type PathKey, type Predicate } from './goldenPaths.predicates';

export interface GoldenPathsServiceDeps {
  catalog: Pick<CatalogService, 'byQuery' | 'facets' | 'byRefs'>;
  /** The catalog's processing errors (catalog health), newest first. */
  catalogErrors: (q: { limit: number; offset: number }) => Promise<{ items: CatalogError[] }>;
  /** Stored template versions and per-service diffs (ADR 0021); without it the migration lists services only. */
  migration?: Pick<MigrationDiffs, 'overview' | 'diffs'>;
}

/** At most this many golden paths are read; an organisation has a handful. */
const MAX_PATHS = 1000;
/** At most this many Components on no golden path are listed (all are counted). */
const UNPAVED_LISTED = 100;
const OWNED_BY = 'relations.ownedBy';
const SERVICE_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.annotations', 'spec.owner', 'spec.lifecycle', 'spec.type', 'relations'];

type Status = 'current' | 'older' | 'unknown';
type Loaded = { entity: Entity; spec: GoldenPathSpec; key: PathKey; ref: string };

const statusOf = (version: string | null | undefined, current: string): Status => {
  if (!version) return 'unknown';
  const c = compareSemver(version, current);
  return c === 0 ? 'current' : c !== undefined && c < 0 ? 'older' : 'unknown';
};
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const canonical = (raw: string, defaultKind: string, defaultNamespace: string): string => {
  try {
    return stringifyEntityRef(parseEntityRef(raw, { defaultKind, defaultNamespace }));
  } catch {
    return raw;
  }
};
const ownerOf = (e: Partial<Entity>): string | null =>
  e.relations?.find((r) => r.type === 'ownedBy')?.targetRef ?? (typeof e.spec?.owner === 'string' ? canonical(e.spec.owner, 'group', e.metadata?.namespace ?? 'default') : null);

/** The golden paths service: listing, detail with conformance, and the migration listing. */
export function createGoldenPathsService(deps: GoldenPathsServiceDeps) {
  const { catalog } = deps;

  const countOf = async (query: Predicate) => (await catalog.byQuery({ query, limit: 0 })).totalItems;
  const facet = async (field: string, query: Predicate) => (await catalog.facets([field], undefined, query)).facets[field] ?? [];

  async function loadPaths(): Promise<Loaded[]> {
    const page = await catalog.byQuery({ filter: ['kind=goldenpath'], orderField: ['metadata.name,asc'], limit: MAX_PATHS });
    return page.items.map((item) => {
      const entity = item as Entity;
      const spec = entity.spec as unknown as GoldenPathSpec;
      const namespace = entity.metadata.namespace ?? 'default';
      const template = canonical(spec.template, 'template', namespace);
      return { entity, spec, ref: stringifyEntityRef(entity), key: { namespace, name: entity.metadata.name, template, version: spec.version } };
    });
  }

  async function loadPath(namespace: string, name: string): Promise<Loaded> {
    const ref = stringifyEntityRef({ kind: 'goldenpath', namespace, name });
    const found = (await loadPaths()).find((p) => p.ref === ref);
    if (!found) throw new NotFoundError(`No golden path named '${name}' in namespace '${namespace}'`);
    return found;
  }

  async function adoption(p: Loaded): Promise<GoldenPathAdoption> {
    const query = onPaths([p.key]);
    const [total, versions] = await Promise.all([countOf(query), facet(KEY_VERSION, query)]);
    const rows: GoldenPathAdoption['versions'] = versions.map((v) => ({ version: v.value, count: v.count, status: statusOf(v.value, p.spec.version) }));
    const unversioned = total - rows.reduce((n, r) => n + r.count, 0);
    if (unversioned > 0) rows.push({ version: null, count: unversioned, status: 'unknown' });
    rows.sort((a, b) => (a.version === null ? 1 : b.version === null ? -1 : (compareSemver(b.version, a.version) ?? b.version.localeCompare(a.version))));
    const sum = (s: Status) => rows.filter((r) => r.status === s).reduce((n, r) => n + r.count, 0);
    return { total, current: sum('current'), older: sum('older'), unknownVersion: sum('unknown'), versions: rows };
  }

  function summary(p: Loaded, adopted: GoldenPathAdoption, templateExists: boolean): GoldenPathSummary {
    const meta = p.entity.metadata;
    return {
      entityRef: p.ref,
      namespace: p.key.namespace,
      name: meta.name,
      title: text(meta.title),
      description: text(meta.description),
      tags: meta.tags ?? [],
      version: p.spec.version,
      supportTier: p.spec.supportTier,
      owner: canonical(p.spec.owner, 'group', p.key.namespace),
      template: p.key.template,
      templateExists,
      ci: p.spec.ci ? { providers: p.spec.ci.providers ?? [], pattern: text(p.spec.ci.pattern) } : null,
      standardCount: p.spec.standards.length,
      hasDocs: Boolean(meta.annotations?.[ANNOTATION_TECHDOCS_REF]),
      adoption: adopted,
    };
  }

  async function templatesExist(paths: Loaded[]): Promise<boolean[]> {
    if (paths.length === 0) return [];
    const found = await catalog.byRefs(paths.map((p) => p.key.template), ['kind']);
    return found.map((e) => e !== null);
  }

  /** Per owner: Components owned, on `scope` paths, and on their current version. */
  async function teams(scope: PathKey[], onlyOnPath: boolean): Promise<TeamConformance[]> {
    const [all, on, current] = await Promise.all([
      facet(OWNED_BY, { kind: 'component' }),
      scope.length ? facet(OWNED_BY, onPaths(scope)) : [],
      scope.length ? facet(OWNED_BY, onCurrentVersion(scope)) : [],
    ]);
    const onBy = new Map(on.map((f) => [f.value, f.count]));
    const curBy = new Map(current.map((f) => [f.value, f.count]));
    return all
      .map((f) => {
        const onPath = onBy.get(f.value) ?? 0;
        const cur = curBy.get(f.value) ?? 0;
        return { owner: f.value, components: f.count, onPath, current: cur, older: onPath - cur, share: f.count ? onPath / f.count : 0 };
      })
      .filter((t) => !onlyOnPath || t.onPath > 0)
      .sort((a, b) => b.share - a.share || b.components - a.components || a.owner.localeCompare(b.owner));
  }

  async function pathErrors(match: (e: CatalogError) => boolean) {
    const { items } = await deps.catalogErrors({ limit: 1000, offset: 0 });
    return items.filter(match).map((e) => ({ entityRef: e.entityRef, locationKey: e.locationKey, path: e.path, line: e.line, message: e.message }));
  }

  function presentService(e: Partial<Entity>, version: string): GoldenPathService {
    const annotations = e.metadata?.annotations ?? {};
    const v = text(annotations[ANNOTATION_GOLDEN_PATH_VERSION]);
    const namespace = e.metadata?.namespace ?? 'default';
    const name = e.metadata?.name ?? '';
    return {
      entityRef: stringifyEntityRef({ kind: e.kind ?? 'component', namespace, name }),
      namespace,
      name,
      title: text(e.metadata?.title),
      owner: ownerOf(e),
      lifecycle: text(e.spec?.lifecycle),
      version: v,
      status: statusOf(v, version),
      via: annotations[ANNOTATION_GOLDEN_PATH] ? 'annotation' : 'template',
    };
  }

  async function services(query: Predicate, version: string, page: { limit: number; cursor?: string }) {
    const res = await catalog.byQuery(page.cursor
      ? { cursor: page.cursor, limit: page.limit, fields: SERVICE_FIELDS }
      : { query, limit: page.limit, fields: SERVICE_FIELDS, orderField: ['metadata.name,asc'] });
    return { items: res.items.map((e) => presentService(e, version)), total: res.totalItems, nextCursor: res.pageInfo.nextCursor };
  }

  return {
    /** Every golden path with its adoption, the Components on none, and conformance per team. */
    async list(): Promise<GoldenPathList> {
      const paths = await loadPaths();
      const keys = paths.map((p) => p.key);
      const [adoptions, exists, total, onPath, current, unpaved, teamRows, errors] = await Promise.all([
        Promise.all(paths.map(adoption)),
        templatesExist(paths),
        countOf({ kind: 'component' }),
        keys.length ? countOf(onPaths(keys)) : 0,
        keys.length ? countOf(onCurrentVersion(keys)) : 0,
        catalog.byQuery({ query: onNoPath(keys), limit: UNPAVED_LISTED, fields: SERVICE_FIELDS, orderField: ['metadata.name,asc'] }),
        teams(keys, false),
        pathErrors((e) => Boolean(e.entityRef?.startsWith('goldenpath:')) || /golden-path\.ya?ml$/.test(e.locationKey)),
      ]);
      return {
        items: paths.map((p, i) => summary(p, adoptions[i] as GoldenPathAdoption, exists[i] ?? false)),
        components: {
          total, onPath, current, older: onPath - current, unpaved: total - onPath,
          unpavedItems: unpaved.items.map((e) => ({ entityRef: stringifyEntityRef({ kind: 'component', namespace: e.metadata?.namespace ?? 'default', name: e.metadata?.name ?? '' }), name: e.metadata?.name ?? '', title: text(e.metadata?.title), owner: ownerOf(e), type: text(e.spec?.type) })),
        },
        teams: teamRows,
        errors,
      };
    },

    /** One golden path: its standards, the services on it (a page) and conformance per team. */
    async get(namespace: string, name: string, page: { limit: number; cursor?: string }): Promise<GoldenPathDetail> {
      const p = await loadPath(namespace, name);
      const [adopted, [exists], listed, teamRows, errors] = await Promise.all([
        adoption(p), templatesExist([p]), services(onPaths([p.key]), p.spec.version, page), teams([p.key], true), pathErrors((e) => e.entityRef === p.ref),
      ]);
      return {
        ...summary(p, adopted, exists ?? false),
        standards: p.spec.standards.map((s) => ({ id: s.id, title: s.title, description: text(s.description), fix: text(s.fix), check: s.check })),
        services: listed.items,
        ...(listed.nextCursor ? { nextCursor: listed.nextCursor } : {}),
        teams: teamRows,
        errors,
      };
    },

    /** Each golden path's ref, current version and template (what the snapshot job keeps). */
    async pathKeys(): Promise<MigrationPath[]> {
      return (await loadPaths()).map((p) => ({ ref: p.ref, version: p.key.version, template: p.key.template }));
    },

    /** The services behind the path's current version, each with the version it is on and, for the first `diffs`, what changed. */
    async migration(actor: Actor, namespace: string, name: string, page: { limit: number; cursor?: string; diffs: number }): Promise<GoldenPathMigration> {
      const p = await loadPath(namespace, name);
      const path = { ref: p.ref, version: p.key.version, template: p.key.template };
      const behind = await services(behindCurrentVersion(p.key), p.spec.version, page);
      const [overview, diffs] = deps.migration
        ? await Promise.all([deps.migration.overview(actor, path), deps.migration.diffs(actor, path, behind.items, page.diffs)])
        : [{ available: false, reason: 'Template versions are not kept by this server.', snapshots: [], canCompute: false }, behind.items.map(() => null)];
      return {
        entityRef: p.ref,
        version: p.spec.version,
        behind: behind.items.map((s, i) => withDiff(s, diffs[i] ?? null, p.spec.version)),
        totalBehind: behind.total,
        ...(behind.nextCursor ? { nextCursor: behind.nextCursor } : {}),
        diff: overview,
      };
    },

    /** One service behind the path, by entity ref, with what changed for it (404 when it is not behind this path). */
    async serviceDiff(actor: Actor, namespace: string, name: string, entityRef: string): Promise<GoldenPathMigrationService> {
      const p = await loadPath(namespace, name);
      let ref: string;
      try {
        ref = stringifyEntityRef(parseEntityRef(entityRef, { defaultKind: 'component', defaultNamespace: 'default' }));
      } catch {
        throw new NotFoundError(`${entityRef} is not an entity ref`);
      }
      const [kind, rest = ''] = ref.split(':');
      const [ns, entityName] = rest.split('/');
      const found = await services({ $all: [behindCurrentVersion(p.key), { kind: kind ?? '' }, { 'metadata.namespace': ns ?? '' }, { 'metadata.name': entityName ?? '' }] }, p.spec.version, { limit: 1 });
      const service = found.items[0];
      if (!service) throw new NotFoundError(`${ref} is not behind the current version of ${p.ref}`);
      const path = { ref: p.ref, version: p.key.version, template: p.key.template };
      const [diff] = deps.migration ? await deps.migration.diffs(actor, path, [service], 1) : [null];
      return withDiff(service, diff ?? null, p.spec.version);
    },
  };
}

function withDiff(s: GoldenPathService, diff: GoldenPathMigrationService['diff'] | null, version: string): GoldenPathMigrationService {
  return {
    ...s,
    diff: diff ?? { available: false, reason: 'Template versions are not kept by this server.', fromVersion: s.version, toVersion: version, files: [], changedFiles: 0, unchangedFiles: 0, truncated: false },
  };
}

export type GoldenPathsService = ReturnType<typeof createGoldenPathsService>;
