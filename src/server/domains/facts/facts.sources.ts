import { ANNOTATION_GOLDEN_PATH, ANNOTATION_GOLDEN_PATH_VERSION, FACT_REPOSITORY_FILES, parseEntityRef, stringifyEntityRef, type Entity } from '../../../model';
import type { CatalogService } from '../catalog/catalog.service';
import { dockerfileNonRoot, packageDependencies, scoreVariables } from './facts.parsers';
import { repositoryFolder, type RepositoryDeps, type RepositoryFolder } from './facts.repository';
import type { FactValues } from './facts.repo';

/** What a source may use besides the entity; shared by every entity of one collection run. */
export interface FactContext {
  /** The entity's repository folder (file or git), resolved once per entity and cached per folder within a run. */
  repository(entity: Entity): Promise<RepositoryFolder | undefined>;
  catalog: Pick<CatalogService, 'byRef'>;
}

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

/** The well-known files listed in `repository.files` beyond every top-level file. */
const WELL_KNOWN = [/^\.github\/CODEOWNERS$/, /^docs\/CODEOWNERS$/, /^\.github\/workflows\/[^/]+\.ya?ml$/];

/**
 * `repository`: the files present (every top-level file, CODEOWNERS in .github/ and docs/, workflow
 * files), whether the Dockerfile's final stage runs as non-root, package.json dependency versions, and
 * score.yaml's container variables (never their values).
 */
export const repositorySource: FactSource = {
  id: 'repository',
  async collect(entity, ctx) {
    if (!REPOSITORY_KINDS.has(entity.kind.toLowerCase())) return {};
    const folder = await ctx.repository(entity);
    if (!folder) return {};
    const listed = await folder.list();
    const files = listed.filter((p) => !p.includes('/') || WELL_KNOWN.some((re) => re.test(p)));
    const facts: FactValues = { [FACT_REPOSITORY_FILES]: files };
    const has = new Set(files);
    if (has.has('Dockerfile')) {
      const text = await folder.read('Dockerfile');
      const nonRoot = text === undefined ? undefined : dockerfileNonRoot(text);
      if (nonRoot !== undefined) facts[FACT_DOCKERFILE_NON_ROOT] = nonRoot;
    }
    if (has.has('package.json')) {
      const text = await folder.read('package.json');
      const deps = text === undefined ? undefined : packageDependencies(text);
      if (deps) facts[FACT_PACKAGE_DEPENDENCIES] = deps;
    }
    const score = has.has('score.yaml') ? 'score.yaml' : has.has('score.yml') ? 'score.yml' : undefined;
    if (score) {
      const text = await folder.read(score);
      const variables = text === undefined ? undefined : scoreVariables(text);
      if (variables) facts[FACT_SCORE_VARIABLES] = variables;
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

export const BUILT_IN_SOURCES: readonly FactSource[] = [repositorySource, goldenPathSource];

/** A FactContext for one run: repository folders are resolved once per entity's descriptor folder. */
export function createFactContext(deps: RepositoryDeps & { catalog: Pick<CatalogService, 'byRef'> }): FactContext {
  const folders = new Map<string, Promise<RepositoryFolder | undefined>>();
  return {
    catalog: deps.catalog,
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
