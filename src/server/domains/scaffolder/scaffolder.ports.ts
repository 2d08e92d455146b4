import { AsyncLocalStorage } from 'node:async_hooks';
import { cp, lstat, mkdir, readdir, realpath, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import type { Entity } from '../../../model';
import type { Actor } from '../../platform/actor';
import { ConflictError, InputError } from '../../platform/errors';
import type { CatalogService } from '../catalog/catalog.service';
import type { ScaffolderCatalogPort, TemplateSourcePort } from './engine';

/** Bounds on what a template's `fetch:*` may copy into a workspace. */
const MAX_FILES = 5_000;
const MAX_BYTES = 100 * 1024 * 1024;

/**
 * Who the engine is working for right now. The engine gets its ports once, at creation; the task that
 * calls a port is found through this async context (set by the job handler and the dry-run).
 */
export interface RunContext {
  actor: Actor;
  /** Records a registration before it is made, so a crash or failure can undo it (see scaffolder.jobs.ts). */
  track?(loc: { type: string; target: string }): Promise<void>;
  untrack?(loc: { type: string; target: string }): Promise<void>;
}
export const runContext = new AsyncLocalStorage<RunContext>();

const isGeneratedLocation = (e: Entity) => e.kind.toLowerCase() === 'location' && e.metadata.name.startsWith('generated-');
const refOf = (e: Entity) => `${e.kind.toLowerCase()}:${(e.metadata.namespace ?? 'default').toLowerCase()}/${e.metadata.name.toLowerCase()}`;

/**
 * The engine's view of the catalog, over the catalog service. A registration runs the location's refresh
 * now and answers with the entity refs it emitted (the generated Location entity left out); a dry run
 * is the catalog's own location preview, which stores nothing.
 */
export function createCatalogPort(catalog: Pick<CatalogService, 'addLocation' | 'deleteLocation' | 'byRef'>, ownDirs: string[]): ScaffolderCatalogPort {
  // Repositories the engine published (and dry-run workspaces) live under the data directory; other
  // file targets are held to PAVED_FILE_ROOTS like any registration through the API.
  const ownRepo = (loc: { type: string; target: string }) => ownDirs.some((dir) => {
    const rel = relative(dir, resolve(loc.target));
    return !rel.startsWith('..') && !isAbsolute(rel);
  });
  const ctx = () => {
    const c = runContext.getStore();
    if (!c) throw new Error('scaffolder catalog port used outside a task run');
    return c;
  };
  return {
    async registerLocation(location, opts) {
      const c = ctx();
      if (opts.dryRun) {
        const r = await catalog.addLocation(c.actor, location, { dryRun: true, origin: location.type === 'file' && !ownRepo(location) ? 'api' : 'scaffolder' });
        return { entityRefs: r.entities.filter((e) => !isGeneratedLocation(e)).map(refOf) };
      }
      await c.track?.(location);
      try {
        const r = await catalog.addLocation(c.actor, location, { origin: location.type === 'file' && !ownRepo(location) ? 'api' : 'scaffolder' });
        const entityRefs = r.entities.filter((e) => !isGeneratedLocation(e)).map(refOf);
        if (entityRefs.length === 0) {
          // Registered but nothing came of it: undo now rather than leave an empty registration behind.
          await catalog.deleteLocation(c.actor, r.location.id);
          await c.untrack?.(location);
          throw new InputError(`${location.type}:${r.location.target} holds no valid catalog entity; nothing was registered (see GET /api/catalog/errors)`);
        }
        return { locationId: r.location.id, entityRefs };
      } catch (err) {
        // Someone else's location: not ours to undo.
        if (err instanceof ConflictError) await c.untrack?.(location);
        throw err;
      }
    },
    async unregisterLocation(locationId) {
      await catalog.deleteLocation(ctx().actor, locationId).catch((err: unknown) => {
        if (!(err instanceof Error && err.name === 'NotFoundError')) throw err;
      });
    },
    async getEntityByRef(ref) {
      return (await catalog.byRef(ref)) as Record<string, unknown> | undefined;
    },
  };
}

/** Directories a dry run supplied (`directoryContents`), addressed as `dry-run:<id>` template locations. */
export const DRY_RUN_LOCATION = 'dry-run:';

/**
 * Fetches a template's files (`./skeleton`) relative to the location the Template entity came from:
 * `file:` copies from disk without leaving the template's directory; `git:` reads the commit through the
 * catalog's git reader (mirror cache); `url:` cannot list a directory over plain HTTP and says so.
 */
/**
 * What the source port needs of the catalog's git reader (ingest/gitReader.ts, a mirror cache of the
 * repository): read the files a `<repo>#<ref>:<glob>` target matches. Passed in by the composition root.
 */
export interface GitFileReader {
  read(target: string): Promise<{ files: Array<{ base: string; bytes: Uint8Array }>; errors: Array<{ locationKey: string; message: string }> }>;
}

export function createTemplateSourcePort(deps: { git: GitFileReader; dryRunDirs: Map<string, string> }): TemplateSourcePort {
  return {
    async fetchContents(baseLocation, relativeUrl, targetDir) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(relativeUrl)) {
        throw new InputError(`Cannot fetch ${relativeUrl}: only paths relative to the template (like ./skeleton) can be fetched`);
      }
      if (baseLocation.startsWith(DRY_RUN_LOCATION)) {
        const dir = deps.dryRunDirs.get(baseLocation);
        if (!dir) throw new InputError(`Unknown dry-run location ${baseLocation}`);
        return copyDirectory(dir, relativeUrl, targetDir);
      }
      const colon = baseLocation.indexOf(':');
      const type = baseLocation.slice(0, colon);
      const target = baseLocation.slice(colon + 1);
      if (type === 'file') return copyDirectory(dirname(target), relativeUrl, targetDir);
      if (type === 'git') return fetchFromGit(deps.git, target, relativeUrl, targetDir);
      if (type === 'url') {
        throw new InputError(`Cannot fetch the directory ${relativeUrl} of a template registered from ${baseLocation}: plain HTTP cannot list a directory. `
          + 'Register the template from a git or file location.');
      }
      throw new InputError(`Cannot fetch template files from a location of type "${type || baseLocation}"`);
    },
  };
}

/** Copies `<root>/<relativeUrl>` into `targetDir`, refusing anything (path or symlink) that leaves `root`. */
async function copyDirectory(root: string, relativeUrl: string, targetDir: string): Promise<void> {
  const realRoot = await realpath(root);
  const source = resolve(realRoot, relativeUrl);
  const inside = (p: string) => {
    const rel = relative(realRoot, p);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  if (!inside(source)) throw new InputError(`${relativeUrl} is outside the template's directory`);
  const realSource = await realpath(source).catch(() => {
    throw new InputError(`${relativeUrl} does not exist next to the template`);
  });
  if (!inside(realSource)) throw new InputError(`${relativeUrl} resolves outside the template's directory`);
  let files = 0;
  let bytes = 0;
  await mkdir(targetDir, { recursive: true });
  const stat = await lstat(realSource);
  const filter = async (src: string) => {
    const s = await lstat(src);
    if (s.isSymbolicLink()) {
      const real = await realpath(src).catch(() => '');
      if (!real || !inside(real)) throw new InputError(`${relative(realRoot, src)} is a symlink leaving the template's directory`);
    }
    if (s.isFile()) {
      files += 1;
      bytes += s.size;
      if (files > MAX_FILES || bytes > MAX_BYTES) throw new InputError(`${relativeUrl} holds more than ${MAX_FILES} files or ${MAX_BYTES} bytes`);
    }
    return true;
  };
  if (stat.isDirectory()) await cp(realSource, targetDir, { recursive: true, filter, dereference: false, verbatimSymlinks: false });
  else {
    await filter(realSource);
    await cp(realSource, join(targetDir, posix.basename(relativeUrl)));
  }
}

/** `git:<repo>#<ref>:<path of template.yaml>` + `./skeleton` → the files under `skeleton/` at that commit. */
async function fetchFromGit(git: GitFileReader, target: string, relativeUrl: string, targetDir: string): Promise<void> {
  const hash = target.lastIndexOf('#');
  const colon = hash === -1 ? -1 : target.indexOf(':', hash);
  if (hash === -1 || colon === -1) throw new InputError(`Cannot resolve ${relativeUrl} against git location ${target}`);
  const repoRef = target.slice(0, colon);
  const templatePath = target.slice(colon + 1);
  const dir = posix.normalize(posix.join(posix.dirname(templatePath), relativeUrl)).replace(/\/+$/, '');
  if (dir === '..' || dir.startsWith('../') || posix.isAbsolute(dir)) throw new InputError(`${relativeUrl} is outside the repository`);
  const prefix = dir === '.' ? '' : `${dir}/`;
  // The reader matches without dotfiles; name them explicitly so .gitignore and .github/ come along.
  const glob = `${prefix}{**,**/.*,**/.*/**,**/.*/**/.*}`;
  const read = await git.read(`${repoRef}:${glob}`);
  if (read.files.length === 0) throw new InputError(`${relativeUrl} holds no files in ${repoRef} (${read.errors.map((e) => e.message).join('; ') || 'empty'})`);
  if (read.files.length > MAX_FILES) throw new InputError(`${relativeUrl} holds more than ${MAX_FILES} files`);
  for (const f of read.files) {
    const path = f.base.replace(/^\/repository\//, '');
    const rel = path.slice(prefix.length);
    const out = resolve(targetDir, rel);
    if (relative(targetDir, out).startsWith('..')) continue;
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, f.bytes);
  }
  if (read.errors.length > 0) throw new InputError(`Could not read every template file: ${read.errors.map((e) => `${e.locationKey}: ${e.message}`).join('; ')}`);
}

/** Lists a directory's files (relative paths), for the dry run's answer. */
export async function listFiles(root: string, dir = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}
