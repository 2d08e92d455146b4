import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { z } from 'zod';
import { ActionInputError } from '../errors';
import { resolveInputPath } from '../workspace';
import { createTemplateAction } from './createTemplateAction';
import { git } from './git';

const LOCAL_HOSTS = new Set(['paved', 'local']);
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** `host?owner=o&repo=r` as RepoUrlPicker writes it. */
export function parseRepoUrl(repoUrl: string): { host: string; owner: string; repo: string } {
  let url: URL;
  try {
    url = new URL(`https://${repoUrl}`);
  } catch {
    throw new ActionInputError('repoUrl', `"${repoUrl}" is not of the form host?owner=<owner>&repo=<repo>`);
  }
  const owner = url.searchParams.get('owner') ?? url.searchParams.get('organization') ?? url.searchParams.get('workspace') ?? '';
  const repo = (url.searchParams.get('repo') ?? '').replace(/\.git$/, '');
  if (!NAME.test(owner) || owner.includes('..')) throw new ActionInputError('repoUrl', `"${repoUrl}" needs an owner of letters, digits, ".", "_" or "-"`);
  if (!NAME.test(repo) || repo.includes('..')) throw new ActionInputError('repoUrl', `"${repoUrl}" needs a repo of letters, digits, ".", "_" or "-"`);
  return { host: url.hostname, owner, repo };
}

function checkRemoteUrl(remoteUrl: string): void {
  const scp = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/]/.test(remoteUrl);
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)/i.exec(remoteUrl);
  if (!scp && !(m && ['https', 'http', 'ssh', 'file'].includes(m[1]?.toLowerCase() ?? ''))) {
    throw new ActionInputError('remoteUrl', 'must be an https://, ssh://, file:// or user@host:path git address');
  }
  if (m?.[2]?.includes('@') && m[1]?.toLowerCase() !== 'ssh') {
    throw new ActionInputError('remoteUrl', 'must not contain credentials; pass the token input (from secrets) instead');
  }
}

function reposRoot(dataDir: string): string {
  return resolve(dataDir, 'repos');
}

export const publishGitAction = createTemplateAction({
  id: 'publish:git',
  description: 'Commits the workspace and publishes it: to a new repository hosted by Paved (host "paved"/"local", the default), or pushed to an empty remote repository (remoteUrl).',
  schema: {
    input: z.object({
      repoUrl: z.string().min(1).max(1024).describe('host?owner=<owner>&repo=<repo>'),
      remoteUrl: z.string().min(1).max(2048).optional().describe('Push to this existing, empty remote instead of a Paved-hosted repository'),
      token: z.string().min(1).max(4096).optional().describe('Token for the remote (use ${{ secrets.x }}); sent only through a git credential helper'),
      tokenUsername: z.string().min(1).max(200).optional().describe('User name sent with the token; default x-access-token'),
      description: z.string().max(1000).optional(),
      defaultBranch: z.string().min(1).max(200).optional().describe('Default main'),
      gitCommitMessage: z.string().min(1).max(10_000).optional().describe('Default "Initial commit"'),
      gitAuthorName: z.string().min(1).max(200).optional(),
      gitAuthorEmail: z.string().min(1).max(320).optional(),
      sourcePath: z.string().min(1).max(1024).optional().describe('Part of the workspace to publish; default all of it'),
    }),
    output: z.object({ remoteUrl: z.string(), repoContentsUrl: z.string(), commitHash: z.string() }),
  },
  async handler(ctx) {
    const { input, signal } = ctx;
    const { host, owner, repo } = parseRepoUrl(input.repoUrl);
    const branch = input.defaultBranch ?? 'main';
    if (branch.startsWith('-') || branch.includes('..') || !/^[A-Za-z0-9._/-]+$/.test(branch)) {
      throw new ActionInputError('defaultBranch', `"${branch}" is not a valid branch name`);
    }
    const sourceDir = resolveInputPath(ctx.workspacePath, input.sourcePath ?? '.', 'sourcePath');
    if (!(await stat(sourceDir).then((s) => s.isDirectory(), () => false))) throw new ActionInputError('sourcePath', `${input.sourcePath} is not a directory in the workspace`);
    const remote = input.remoteUrl !== undefined && !LOCAL_HOSTS.has(host);
    if (input.remoteUrl !== undefined && LOCAL_HOSTS.has(host)) ctx.logger.warn(`remoteUrl is ignored for host "${host}": the repository is hosted by Paved`);
    if (remote && input.remoteUrl) checkRemoteUrl(input.remoteUrl);
    const barePath = join(reposRoot(ctx.deps.dataDir), owner, `${repo}.git`);
    const remoteUrl = remote && input.remoteUrl ? input.remoteUrl : `file://${barePath}`;
    const repoLocation = remote && input.remoteUrl ? input.remoteUrl : barePath;

    if (ctx.dryRun) {
      ctx.logger.info(`Dry run: would publish to ${remoteUrl} (branch ${branch})`);
      ctx.output('remoteUrl', remoteUrl);
      // Points at the workspace so a dry-run catalog:register can show what would be registered.
      ctx.output('repoContentsUrl', `file:${sourceDir}/`);
      ctx.output('commitHash', 'dry-run');
      ctx.output('dryRun', true);
      return;
    }

    const gitOpts = { signal, cwd: sourceDir };
    let created = false;
    if (remote) {
      const refs = await git(['ls-remote', '--heads', '--tags', '--', repoLocation], { ...gitOpts, token: input.token, tokenUsername: input.tokenUsername });
      if (refs.trim()) throw new ActionInputError('remoteUrl', `${remoteUrl} is not empty; publish:git only pushes to a new, empty repository`);
    } else {
      const exists = await stat(join(barePath, 'HEAD')).then(() => true, () => false);
      if (exists) {
        const refs = await git(['--git-dir', barePath, 'for-each-ref', '--count=1'], gitOpts);
        if (refs.trim()) throw new ActionInputError('repoUrl', `repository ${owner}/${repo} already exists and is not empty`);
      } else {
        await mkdir(barePath, { recursive: true });
        created = true;
        await git(['init', '--bare', '--quiet', `--initial-branch=${branch}`, barePath], gitOpts);
        if (input.description) await writeFile(join(barePath, 'description'), `${input.description}\n`);
      }
    }
    try {
      // A skeleton may carry its own .git (with hooks); start from a clean repository every time.
      await rm(join(sourceDir, '.git'), { recursive: true, force: true });
      await git(['init', '--quiet', `--initial-branch=${branch}`], gitOpts);
      await git(['add', '--all'], gitOpts);
      const author = { name: input.gitAuthorName ?? ctx.deps.gitAuthor.name, email: input.gitAuthorEmail ?? ctx.deps.gitAuthor.email };
      await git(['-c', `user.name=${author.name}`, '-c', `user.email=${author.email}`, 'commit', '--quiet', '--allow-empty', '-m', input.gitCommitMessage ?? 'Initial commit'], gitOpts);
      await git(['remote', 'add', 'origin', repoLocation], gitOpts);
      await git(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], { ...gitOpts, token: remote ? input.token : undefined, tokenUsername: input.tokenUsername });
      const commitHash = (await git(['rev-parse', 'HEAD'], gitOpts)).trim();
      ctx.logger.info(`Published ${commitHash.slice(0, 12)} to ${remoteUrl} (branch ${branch})`);
      if (created) ctx.addCompensation({ repoPath: barePath });
      if (remote) {
        ctx.logger.info(`Pushed to a remote repository: if a later step fails, this push cannot be undone automatically`);
        ctx.addCompensation({ remoteUrl });
      }
      ctx.output('remoteUrl', remoteUrl);
      ctx.output('repoContentsUrl', `git:${repoLocation}#${branch}:`);
      ctx.output('commitHash', commitHash);
    } catch (err) {
      // The step did not complete, so no compensation will run for it: remove what it created here.
      if (created) await rm(barePath, { recursive: true, force: true });
      throw err;
    }
  },
  async compensate(undo, ctx) {
    if (typeof undo.remoteUrl === 'string') {
      ctx.logger.warn(`Cannot undo the push to ${undo.remoteUrl}: remove that repository by hand if it is not wanted`);
      return;
    }
    if (typeof undo.repoPath !== 'string') return;
    const root = reposRoot(ctx.deps.dataDir);
    const rel = relative(root, resolve(undo.repoPath));
    // The checkpoint is data from storage: only ever delete a repository under our own repos directory.
    if (!rel || rel.startsWith('..') || isAbsolute(rel) || !rel.endsWith('.git') || rel.split(sep).length !== 2) {
      ctx.logger.warn(`Refusing to delete ${undo.repoPath}: not a repository under ${root}`);
      return;
    }
    await rm(resolve(undo.repoPath), { recursive: true, force: true });
    ctx.logger.info(`Deleted repository ${rel.replace(/\.git$/, '')}`);
  },
});
