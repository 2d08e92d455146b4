// Which files of a repository listing mean what, for the `repository` fact source (ADR 0026, ADR 0030):
// CODEOWNERS, dependency lockfiles of the common ecosystems, CI configuration, Kubernetes NetworkPolicy
// manifests. Pure: it names paths; the source reads the few it needs.

/** CODEOWNERS where GitHub (in its order) and GitLab look for it. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'] as const;

/** Lockfiles at the top level: npm, pnpm, Yarn, Bun, Go, Poetry, Pipenv, uv, PDM, Cargo, Bundler, Composer, Gradle, NuGet, Mix, Swift, Dart. */
export const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lockb', 'bun.lock', 'go.sum', 'poetry.lock', 'Pipfile.lock', 'uv.lock',
  'pdm.lock', 'Cargo.lock', 'Gemfile.lock', 'composer.lock', 'gradle.lockfile', 'packages.lock.json', 'mix.lock', 'Package.resolved', 'pubspec.lock',
]);

/** CI configuration of GitHub Actions, GitLab, Jenkins, CircleCI, Azure Pipelines, Bitbucket, Travis, Drone and Buildkite. */
const CI_CONFIG = [
  /^\.github\/workflows\/[^/]+\.ya?ml$/, /^\.gitlab-ci\.ya?ml$/, /^Jenkinsfile$/, /^\.circleci\/config\.ya?ml$/, /^azure-pipelines\.ya?ml$/,
  /^bitbucket-pipelines\.ya?ml$/, /^\.travis\.ya?ml$/, /^\.drone\.ya?ml$/, /^\.buildkite\/pipeline\.ya?ml$/,
];

/** Folders of Kubernetes manifests whose NetworkPolicy files are read (and the top level). */
export const MANIFEST_FOLDERS = ['k8s', 'kubernetes', 'deploy', 'manifests'] as const;
const NETWORK_POLICY = new RegExp(`^(?:(?:${MANIFEST_FOLDERS.join('|')})/)?[^/]*network-?polic(?:y|ies)[^/]*\\.ya?ml$`, 'i');

/** Folders below the root listed besides the top level (see facts.repository). */
export const LISTED_FOLDERS = ['.github', '.github/workflows', '.gitlab', '.circleci', '.buildkite', 'docs', ...MANIFEST_FOLDERS];

/** Whether a listed path below the top level is one `repository.files` reports (top-level files always are). */
export function isWellKnown(path: string): boolean {
  return (CODEOWNERS_PATHS as readonly string[]).includes(path) || CI_CONFIG.some((re) => re.test(path)) || NETWORK_POLICY.test(path);
}

/** What a listing says: the CODEOWNERS file GitHub would use, lockfiles, CI configuration, NetworkPolicy manifests. */
export function classifyFiles(files: readonly string[]) {
  const has = new Set(files);
  return {
    codeowners: CODEOWNERS_PATHS.find((p) => has.has(p)) ?? null,
    lockfiles: files.filter((f) => LOCKFILES.has(f)),
    ci: files.filter((f) => CI_CONFIG.some((re) => re.test(f))),
    networkPolicies: files.filter((f) => NETWORK_POLICY.test(f)).slice(0, 10),
  };
}
