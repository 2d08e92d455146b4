// A monorepo root that only holds packages (a private workspace root, a Maven aggregator, a bare folder
// of projects) is not a Component of its own. Experienced Backstage users register such a repository
// through one root catalog file holding a `kind: Location` whose targets are the packages' descriptors,
// so registering the repository registers every package. That Location is what we suggest for it.
import { readManifests } from './detect';
import { toDescription, toEntityName } from './names';
import type { RepoView } from './repoView';
import { analyzeRepository, type AnalysisField, type AnalyzeOptions, type RepoAnalysis } from './suggestComponent';

/** The suggested root descriptor of a monorepo: a Location over its packages' catalog files. */
export type SuggestedLocation = {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Location';
  metadata: { name?: string; description?: string };
  spec: { targets: string[] };
};

/** What the analysis says about a repository that is only a workspace root. */
export type LocationAnalysis = {
  path: string;
  language?: string;
  frameworks: string[];
  entity: SuggestedLocation;
  fields: AnalysisField[];
};

/**
 * Why a repository with packages is only their container, or `undefined` when it is a project of its
 * own as well (it then gets its own Component next to its packages' ones).
 */
export function workspaceRootReason(view: RepoView): string | undefined {
  if (!view.monorepo || view.files.has('Dockerfile')) return undefined;
  const manifests = readManifests(view);
  if (manifests.length === 0) return 'It has no manifest of its own, only packages in sub-folders.';
  const pkg = manifests.find((m) => m.file === 'package.json');
  if (view.monorepo.declaredBy && pkg && !pkg.publishable && !pkg.runnable && manifests.length === 1 && isPrivate(view)) {
    return `It is a private workspace root (${view.monorepo.declaredBy} declares the packages).`;
  }
  if (manifests.every((m) => m.file === 'pom.xml' && m.packaging === 'pom')) return 'Its pom.xml has packaging pom: a Maven aggregator of modules.';
  return undefined;
}

function isPrivate(view: RepoView): boolean {
  try {
    const json: unknown = JSON.parse(view.files.get('package.json') ?? '');
    return typeof json === 'object' && json !== null && 'private' in json && json.private === true;
  } catch {
    return false;
  }
}

/** The Location suggested for a workspace root: one relative target per package descriptor. */
export function suggestPackagesLocation(view: RepoView, catalogFilename: string, reason: string): LocationAnalysis {
  const packages = view.monorepo?.packages ?? [];
  const targets = packages.map((p) => `./${p}/${catalogFilename}`);
  const manifestName = readManifests(view).map((m) => m.name && toEntityName(m.name)).find(Boolean);
  const name = manifestName || toEntityName(view.dirName);
  const description = toDescription(`Catalog files of the ${packages.length} packages in ${name ?? view.dirName}`);
  const fields: AnalysisField[] = [
    name
      ? { field: 'metadata.name', state: 'analysisSuggestedValue', value: name, description: manifestName ? 'From the name in the root manifest.' : `From the folder name "${view.dirName}".` }
      : { field: 'metadata.name', state: 'needsUserInput', value: null, description: `Neither a manifest nor the folder name "${view.dirName}" gives a valid entity name.` },
    { field: 'kind', state: 'analysisSuggestedValue', value: 'Location', description: `${reason} Registering this Location registers every package below it.` },
    { field: 'spec.targets', state: 'analysisSuggestedValue', value: targets.join(','), description: `One target per package found${view.monorepo?.declaredBy ? ` (declared in ${view.monorepo.declaredBy})` : ''}.` },
  ];
  return {
    path: view.path,
    frameworks: [],
    entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { ...(name ? { name } : {}), ...(description ? { description } : {}) }, spec: { targets } },
    fields,
  };
}

/**
 * The suggestion for one repository or package: a Location for a monorepo root that only holds
 * packages, otherwise a Component (see analyzeRepository).
 */
export function suggestEntity(view: RepoView, opts: AnalyzeOptions & { catalogFilename: string }): RepoAnalysis | LocationAnalysis {
  const reason = workspaceRootReason(view);
  return reason ? suggestPackagesLocation(view, opts.catalogFilename, reason) : analyzeRepository(view, opts);
}
