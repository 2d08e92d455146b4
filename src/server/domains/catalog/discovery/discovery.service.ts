import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { AnalyzeLocationBody, AnalyzeLocationResponse } from '../../../../contracts/discovery';
import { DEFAULT_CATALOG_FILENAME, findRepositories, suggestEntity, type RepoView } from '../../../../model/discovery';
import { createFsTree } from '../../../../node/fsTree';
import { InputError } from '../../../platform/errors';
import type { CatalogService } from '../catalog.service';
import type { SourceReader } from '../ingest/sourceTypes';
import { assertUnderFileRoots } from '../ingest/fileRoots';
import { existingEntities } from './existingFiles';
import { readGitLocation } from './gitView';

/** What discovery needs: the catalog's git reader, and a lookup to tell which found entities are registered. */
export interface DiscoveryDeps {
  git: SourceReader;
  catalog: Pick<CatalogService, 'byRef'>;
  fileRoots: readonly string[];
}

/** A repository or package found, and where its catalog file is (or would be). */
type FoundRepo = { view: RepoView; catalogLocation: { type: string; target: string } };

async function findLocalRepos(target: string, catalogFilename: string): Promise<{ repos: FoundRepo[]; truncated: boolean }> {
  const abs = resolve(target);
  const info = await stat(abs).catch(() => undefined);
  if (!info) throw new InputError(`Location file:${abs} does not exist`);
  // A file target (say, a package.json) means its folder.
  const root = info.isDirectory() ? abs : dirname(abs);
  const found = await findRepositories(createFsTree(root), { rootName: basename(root), catalogFilename });
  const repos = found.repos.map((view) => ({ view, catalogLocation: { type: 'file', target: join(root, view.path, catalogFilename) } }));
  return { repos, truncated: found.truncated };
}

/** `POST /analyze-location`: existing descriptors and suggested entities for a folder, a repository and its monorepo packages. */
export function createDiscovery(deps: DiscoveryDeps) {
  const isRegistered = async (ref: string) => (await deps.catalog.byRef(ref)) !== undefined;

  async function findRepos(body: AnalyzeLocationBody, catalogFilename: string): Promise<{ repos: FoundRepo[]; truncated: boolean }> {
    const { type, target } = body.location;
    if (type === 'file') {
      await assertUnderFileRoots(target, deps.fileRoots);
      return findLocalRepos(target, catalogFilename);
    }
    // A `url` target is a repository (or /tree/ folder) URL, as Backstage's import page sends it; both are read as git.
    if (type === 'git' || type === 'url') return readGitLocation(deps.git, target, catalogFilename);
    throw new InputError(`Cannot analyze a location of type "${type}"; expected file, git or url`);
  }

  return {
    async analyzeLocation(body: AnalyzeLocationBody): Promise<AnalyzeLocationResponse> {
      const catalogFilename = body.catalogFilename ?? DEFAULT_CATALOG_FILENAME;
      const { repos, truncated } = await findRepos(body, catalogFilename);
      const response: AnalyzeLocationResponse = { existingEntityFiles: [], generateEntities: [] };
      for (const { view, catalogLocation } of repos) {
        const descriptor = view.files.get(catalogFilename);
        if (typeof descriptor === 'string') {
          response.existingEntityFiles.push(...(await existingEntities(descriptor, catalogLocation, isRegistered)));
          continue;
        }
        if (descriptor === null) continue; // present but too large to read: it is not ours to replace
        const analysis = suggestEntity(view, { catalogFilename });
        response.generateEntities.push({
          entity: analysis.entity,
          fields: analysis.fields,
          repository: { path: analysis.path, language: analysis.language ?? null, frameworks: analysis.frameworks },
          location: catalogLocation,
        });
      }
      if (truncated) response.truncated = true;
      return response;
    },
  };
}
export type Discovery = ReturnType<typeof createDiscovery>;
