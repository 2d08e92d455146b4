import { ANNOTATION_GOLDEN_PATH, ANNOTATION_GOLDEN_PATH_VERSION, FACT_REPOSITORY_FILES, parseEntityRef, stringifyEntityRef, type Entity } from '../../../model';
import type { CatalogService } from '../catalog/catalog.service';
import { catalogSource } from './facts.catalog';
import { dockerfileNonRoot, networkPolicyDefaultDeny, packageDependencies, scoreProbes, scoreVariables } from './facts.parsers';
import { classifyFiles, isWellKnown } from './facts.repositoryFiles';
import { repositoryFolder, type RepositoryDeps, type RepositoryFolder } from './facts.repository';
import type { FactValues } from './facts.repo';

/** What a source may use besides the entity; shared by every entity of one collection run. */
export interface FactContext {
  /** The entity's repository folder (file or git), resolved once per entity and cached per folder within a run. */
  repository(entity: Entity): Promise<RepositoryFolder | undefined>;
  catalog: Pick<CatalogService, 'byRef'>;
  /** The catalog's trust record of the entity (lowercase ref), from the page prefetched by `prefetch`, else read alone. */
  catalogTrust(ref: string): Promise<EntityTrust | undefined>;
  /** Reads what `catalogTrust` needs for a page of entities at once (the records of the page before are dropped). */
  prefetch(refs: string[]): Promise<void>;
}

/** The catalog's trust record of one entity, as its service serves it. */
export type EntityTrust = Awaited<ReturnType<CatalogService['entityTrust']>> extends Map<string, infer T> ? T : never;

/**
 * A producer of facts. `collect` returns every fact it knows for the entity (fact name → JSON value);
 * names it returned before and no longer returns are removed. Throwing keeps the source's previous facts.
 */
export interface FactSource {
  id: string;
  collect(entity: Entity, ctx: FactContext): Promise<FactValues>;
}

export const FACT_DOCKERFILE_NON_ROOT = 'repository.dockerfile.nonRoot';
export const FACT_PACKAGE_DEPENDENCIES = 'repository.packageJson.dependencies';
export const FACT_SCORE_VARIABLES = 'repository.score.variables';

/** Kinds whose descriptors sit in a source repository; groups and users in the same folder get no repository facts. */
const REPOSITORY_KINDS = new Set(['component', 'api', 'resource', 'system', 'template']);

export const FACT_CODEOWNERS = 'repository.codeowners';
export const FACT_LOCKFILES = 'repository.lockfiles';
export const FACT_CI_CONFIG = 'repository.ci';
export const FACT_SCORE_PROBES = 'repository.score.probes';
export const FACT_NETWORK_POLICY_DEFAULT_DENY = 'repository.networkPolicy.defaultDeny';

/**
 * `repository`: the files present (every top-level file, and below it CODEOWNERS, CI configuration and
 * NetworkPolicy manifests), what they say (the CODEOWNERS in use, lockfiles, CI files), whether the
 * Dockerfile's final stage runs as non-root, package.json dependency versions, score.yaml's container
 * variables (never their values) and probes, and whether a NetworkPolicy manifest denies ingress by default.
 */
export const repositorySource: FactSource = {
  id: 'repository',
  async collect(entity, ctx) {
    if (!REPOSITORY_KINDS.has(entity.kind.toLowerCase())) return {};
    const folder = await ctx.repository(entity);
    if (!folder) return {};
    const files = (await folder.list()).filter((p) => !p.includes('/') || isWellKnown(p));
    const kinds = classifyFiles(files);
    const facts: FactValues = {
      [FACT_REPOSITORY_FILES]: files, [FACT_CODEOWNERS]: kinds.codeowners, [FACT_LOCKFILES]: kinds.lockfiles, [FACT_CI_CONFIG]: kinds.ci,
    };
    const read = async <T>(path: string, parse: (text: string) => T | undefined) => {
      const text = await folder.read(path);
      return text === undefined ? undefined : parse(text);
    };
    const has = new Set(files);
    if (has.has('Dockerfile')) {
      const nonRoot = await read('Dockerfile', dockerfileNonRoot);
      if (nonRoot !== undefined) facts[FACT_DOCKERFILE_NON_ROOT] = nonRoot;
    }
    if (has.has('package.json')) {
      const deps = await read('package.json', packageDependencies);
      if (deps) facts[FACT_PACKAGE_DEPENDENCIES] = deps;
    }
    const score = has.has('score.yaml') ? 'score.yaml' : has.has('score.yml') ? 'score.yml' : undefined;
    if (score) {
      const variables = await read(score, scoreVariables);
      if (variables) facts[FACT_SCORE_VARIABLES] = variables;
      const probes = await read(score, scoreProbes);
      if (probes) facts[FACT_SCORE_PROBES] = probes;
    }
    if (kinds.networkPolicies.length > 0) {
      const found = await Promise.all(kinds.networkPolicies.map((p) => read(p, networkPolicyDefaultDeny)));
      if (found.some((f) => f !== undefined)) facts[FACT_NETWORK_POLICY_DEFAULT_DENY] = found.includes(true);
    }
    return facts;
  },
};

/**
 * `goldenPath`: the path and version the entity's annotations name, and whether that version is the
 * path's current one (false when the path does not exist in the catalog).
 */
export const goldenPathSource: FactSource = {
  id: 'goldenPath',
  async collect(entity, ctx) {
    const annotations = entity.metadata.annotations ?? {};
    const name = annotations[ANNOTATION_GOLDEN_PATH]?.trim();
    if (!name) return {};
    const version = annotations[ANNOTATION_GOLDEN_PATH_VERSION]?.trim() || null;
    let ref: string;
    try {
      // As the golden paths domain reads the annotation: `name` (default namespace), `ns/name` or `goldenpath:ns/name`.
      ref = stringifyEntityRef(parseEntityRef(name, { defaultKind: 'goldenpath', defaultNamespace: 'default' }));
    } catch {
      return { 'goldenPath.name': name, 'goldenPath.version': version, 'goldenPath.current': false };
    }
    const path = ref.startsWith('goldenpath:') ? await ctx.catalog.byRef(ref) : undefined;
    const current = (path?.spec as { version?: unknown } | undefined)?.version;
    return { 'goldenPath.name': name, 'goldenPath.version': version, 'goldenPath.current': version !== null && typeof current === 'string' && current === version };
  },
};

export const BUILT_IN_SOURCES: readonly FactSource[] = [repositorySource, goldenPathSource, catalogSource];

/** A FactContext for one run: repository folders are resolved once per entity's descriptor folder. */
export function createFactContext(deps: RepositoryDeps & { catalog: Pick<CatalogService, 'byRef' | 'entityTrust'> }): FactContext {
  const folders = new Map<string, Promise<RepositoryFolder | undefined>>();
  let trust = new Map<string, EntityTrust>();
  return {
    catalog: deps.catalog,
    async prefetch(refs) {
      trust = await deps.catalog.entityTrust(refs);
    },
    async catalogTrust(ref) {
      return trust.get(ref) ?? (await deps.catalog.entityTrust([ref])).get(ref);
    },
    repository(entity) {
      const annotations = entity.metadata.annotations ?? {};
      const key = JSON.stringify([annotations['backstage.io/managed-by-location'], annotations['backstage.io/source-location']]);
      let folder = folders.get(key);
      if (!folder) {
        if (folders.size >= 1000) folders.clear();
        folder = repositoryFolder(annotations, deps).then((f) => f && memoized(f));
        folders.set(key, folder);
      }
      return folder;
    },
  };
}

/** Entities of one descriptor file share a folder: list it and read each file once. */
function memoized(folder: RepositoryFolder): RepositoryFolder {
  let listing: Promise<string[]> | undefined;
  const reads = new Map<string, Promise<string | undefined>>();
  return {
    description: folder.description,
    list: () => (listing ??= folder.list()),
    read(path) {
      let r = reads.get(path);
      if (!r) reads.set(path, (r = folder.read(path)));
      return r;
    },
  };
}
