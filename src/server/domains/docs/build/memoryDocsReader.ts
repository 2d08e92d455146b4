import { normalizeDocsPath } from './docsPaths.js';
import type { DocsSourceReader } from './docsTypes.js';

/**
 * A {@link DocsSourceReader} over files held in memory (root path → text or bytes): for tests, and for
 * docs that arrive as a bundle (a golden path from the database, files fetched from a git host).
 */
export function createMemoryDocsReader(files: Record<string, string | Buffer>): DocsSourceReader {
  const byPath = new Map<string, string | Buffer>();
  for (const [path, text] of Object.entries(files)) {
    const normal = normalizeDocsPath(path);
    if (normal !== undefined && normal !== '') byPath.set(normal, text);
  }
  return {
    async readFile(path) {
      const normal = normalizeDocsPath(path);
      const content = normal === undefined ? undefined : byPath.get(normal);
      return typeof content === 'string' || content === undefined ? content : content.toString('utf8');
    },
    async fileSize(path) {
      const normal = normalizeDocsPath(path);
      const content = normal === undefined ? undefined : byPath.get(normal);
      return content === undefined ? undefined : typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
    },
    async readBytes(path) {
      const normal = normalizeDocsPath(path);
      const content = normal === undefined ? undefined : byPath.get(normal);
      return content === undefined ? undefined : typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    },
    async listFiles(dir) {
      const normal = normalizeDocsPath(dir);
      if (normal === undefined) return [];
      const prefix = normal === '' ? '' : `${normal}/`;
      return [...byPath.keys()].filter((p) => p.startsWith(prefix)).sort();
    },
  };
}
