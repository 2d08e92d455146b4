// The suggested Component for one repository, in the shape of Backstage's analyze-location response:
// a partial entity plus one field record per inferred value, saying whether it was found, found empty,
// or needs the user — and why, so the UI and CLI can show their reasoning.
import { CODEOWNERS_PATHS, folderOwner, rootOwner } from './codeowners';
import { detectStack, type ComponentType } from './detect';
import { parseRemote, readmeFirstParagraph, toDescription, toEntityName, toTag } from './names';
import type { RepoView } from './repoView';

/** Backstage's `AnalyzeLocationEntityField.state`. */
export type AnalysisFieldState = 'analysisSuggestedValue' | 'analysisSuggestedNoValue' | 'needsUserInput';

/** Backstage's `AnalyzeLocationEntityField`: one inferred value and the reason for it. */
export type AnalysisField = { field: string; state: AnalysisFieldState; value: string | null; description: string };

/** The suggested entity; fields that need user input are left out, as in Backstage's RecursivePartial<Entity>. */
export type SuggestedEntity = {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Component';
  metadata: { name?: string; description?: string; tags?: string[]; annotations?: Record<string, string> };
  spec: { type: ComponentType; lifecycle: string; owner?: string };
};

/** What the analysis says about one repository. */
export type RepoAnalysis = {
  path: string;
  language?: string;
  frameworks: string[];
  entity: SuggestedEntity;
  fields: AnalysisField[];
};

/** Options of {@link analyzeRepository}. */
export type AnalyzeOptions = {
  /** An owner to use when CODEOWNERS names none (e.g. the CLI's `--owner`); `source` explains it. */
  fallbackOwner?: { ref: string; source: string };
};

const README_PATHS = ['README.md', 'README', 'README.rst', 'README.txt', 'readme.md'];
const SLUG_HOSTS: Record<string, string> = { 'github.com': 'github.com/project-slug', 'gitlab.com': 'gitlab.com/project-slug' };
const MAX_TAGS = 10;

const suggested = (field: string, value: string, description: string): AnalysisField => ({ field, state: 'analysisSuggestedValue', value, description });
const noValue = (field: string, description: string): AnalysisField => ({ field, state: 'analysisSuggestedNoValue', value: null, description });
const needsInput = (field: string, value: string | null, description: string): AnalysisField => ({ field, state: 'needsUserInput', value, description });

function inferName(view: RepoView, manifests: ReturnType<typeof detectStack>['manifests']): AnalysisField {
  for (const m of manifests) {
    if (!m.name) continue;
    const name = toEntityName(m.name);
    if (!name) continue;
    const note = name === m.name ? '' : ` ("${m.name}" adjusted to Backstage's name rules)`;
    return suggested('metadata.name', name, `From the name in ${m.file}${note}.`);
  }
  const fromDir = toEntityName(view.dirName);
  if (fromDir) return suggested('metadata.name', fromDir, `No manifest names the project, so the folder name "${view.dirName}" is used.`);
  return needsInput('metadata.name', null, `Neither a manifest nor the folder name "${view.dirName}" gives a valid entity name.`);
}

function inferDescription(view: RepoView, manifests: ReturnType<typeof detectStack>['manifests']): AnalysisField {
  for (const m of manifests) {
    const d = m.description && toDescription(m.description);
    if (d) return suggested('metadata.description', d, `From the description in ${m.file}.`);
  }
  for (const p of README_PATHS) {
    const readme = view.files.get(p);
    const d = readme ? readmeFirstParagraph(readme) : undefined;
    if (d) return suggested('metadata.description', d, `From the first paragraph of ${p}.`);
  }
  return noValue('metadata.description', 'No manifest description or README paragraph was found.');
}

function inferOwner(view: RepoView, opts: AnalyzeOptions): AnalysisField {
  const fallback = (why: string): AnalysisField => (opts.fallbackOwner
    ? suggested('spec.owner', opts.fallbackOwner.ref, `${why} Using ${opts.fallbackOwner.source}.`)
    : needsInput('spec.owner', null, `${why} Choose the owning group or user.`));
  // A package is owned by the repository's CODEOWNERS rules for its folder (GitHub reads no other file).
  const pkg = view.partOf;
  const path = pkg ? pkg.codeowners?.file : CODEOWNERS_PATHS.find((p) => typeof view.files.get(p) === 'string');
  if (!path) return fallback('No CODEOWNERS file was found.');
  const owner = pkg ? folderOwner(pkg.codeowners?.text ?? '', pkg.packagePath) : rootOwner(view.files.get(path) ?? '');
  const what = pkg ? pkg.packagePath : 'the repository';
  if (!owner.raw) return fallback(pkg ? `${path} has no rule with an owner covering ${what}.` : `${path} has no rule with an owner for the whole repository (e.g. "* @org/team").`);
  if (!owner.ref) return fallback(`${path}:${owner.line} names "${owner.raw}", which is not a @user, @org/team or e-mail owner.`);
  const more = owner.others.length ? ` Also listed there: ${owner.others.join(', ')}.` : '';
  return suggested('spec.owner', owner.ref, `${path}:${owner.line} assigns ${what} to ${owner.raw}.${more}`);
}

function inferAnnotations(view: RepoView): AnalysisField[] {
  const fields: AnalysisField[] = [];
  const remote = view.remoteUrl ? parseRemote(view.remoteUrl) : undefined;
  const slugKey = remote ? SLUG_HOSTS[remote.host] : undefined;
  if (remote && slugKey) fields.push(suggested(`metadata.annotations["${slugKey}"]`, remote.slug, `From the git remote ${remote.host}/${remote.slug}.`));
  const mkdocs = ['mkdocs.yml', 'mkdocs.yaml'].find((p) => view.files.has(p));
  if (mkdocs) fields.push(suggested('metadata.annotations["backstage.io/techdocs-ref"]', 'dir:.', `${mkdocs} is next to the suggested descriptor, so TechDocs can build from it.`));
  return fields;
}

/**
 * Suggests a Component for a repository without a descriptor. Pure: everything it knows is in `view`.
 * @example analyzeRepository({ path: '.', dirName: 'payments', files: new Map([['go.mod', 'module x/payments']]) })
 */
export function analyzeRepository(view: RepoView, opts: AnalyzeOptions = {}): RepoAnalysis {
  const stack = detectStack(view);
  const name = inferName(view, stack.manifests);
  const description = inferDescription(view, stack.manifests);
  const tags = [...new Set([stack.language, ...stack.frameworks].flatMap((t) => (t ? toTag(t) ?? [] : [])))].slice(0, MAX_TAGS);
  const tagsField = tags.length
    ? suggested('metadata.tags', tags.join(','), 'Language and frameworks detected from the manifests.')
    : noValue('metadata.tags', 'No language or framework was recognised.');
  const type = stack.type === 'other' ? needsInput('spec.type', 'other', stack.typeReason) : suggested('spec.type', stack.type, stack.typeReason);
  const lifecycle = suggested('spec.lifecycle', 'experimental', 'Default for newly discovered components; change it to production once it serves users.');
  const owner = inferOwner(view, opts);
  const annotations = inferAnnotations(view);

  const entity: SuggestedEntity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: {}, spec: { type: stack.type, lifecycle: 'experimental' } };
  if (name.value) entity.metadata.name = name.value;
  if (description.value) entity.metadata.description = description.value;
  if (tags.length) entity.metadata.tags = tags;
  if (annotations.length) {
    entity.metadata.annotations = Object.fromEntries(annotations.map((a) => [/\["(.+)"\]$/.exec(a.field)?.[1] ?? a.field, a.value ?? '']));
  }
  if (owner.value) entity.spec.owner = owner.value;
  return {
    path: view.path,
    language: stack.language,
    frameworks: stack.frameworks,
    entity,
    fields: [name, description, tagsField, ...annotations, type, lifecycle, owner],
  };
}
