export { buildDocsSite, DEFAULT_MAX_PAGE_BYTES, DEFAULT_MAX_PAGES } from './buildDocsSite.js';
export { searchDocuments } from './searchDocuments.js';
export { DEFAULT_MAX_ASSET_BYTES, DEFAULT_MAX_SITE_ASSET_BYTES, DOCS_ASSET_TYPES, docsAssetType } from './docsAssets.js';
export { rewriteDocsUrls, type DocsUrlMapper } from './rewriteDocsUrls.js';
export { createDirectoryDocsReader, DocsPathError, type DirectoryDocsReaderOptions } from './directoryDocsReader.js';
export { parseMkdocsConfig, type MkdocsConfig, type NavConfigEntry } from './mkdocsConfig.js';
export { renderMarkdown, SUPPORTED_MARKDOWN_EXTENSIONS } from './renderMarkdown.js';
export type {
  BuildDocsSiteOptions,
  DocsAsset,
  DocsBuildError,
  DocsHeading,
  DocsNavItem,
  DocsPage,
  DocsSite,
  DocsSourceReader,
  SearchDocument,
} from './docsTypes.js';
export { createMemoryDocsReader } from './memoryDocsReader.js';
