import { createFileReader } from './fileReader';
import { createGitReader } from './gitReader';
import { createUrlReader } from './urlReader';

/**
 * The readers of every location type, one set per thread or process that reads (the server, the
 * ingestion process, its worker). `gitCredentials` is shared with whoever passes it (see createGitReader).
 */
export function createSourceReaders(gitCacheDir: string, gitCredentials: Map<string, string>) {
  return { file: createFileReader(), url: createUrlReader(), git: createGitReader(gitCacheDir, gitCredentials) };
}
