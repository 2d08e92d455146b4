import { z } from 'zod';

/** zod contracts of docs-as-code (`/api/docs`) and the combined search (`/api/search`). */

const str = (max = 1024) => z.string().max(max);

/** One problem found while building a site: the file (relative to the docs root) and, where known, the line. */
export const DocsBuildErrorSchema = z.object({ file: str(4096), line: z.number().int().optional(), message: str(8192) });
export type DocsBuildErrorDto = z.infer<typeof DocsBuildErrorSchema>;

export interface DocsNavItemDto {
  title: string;
  slug?: string;
  url?: string;
  children?: DocsNavItemDto[];
}
/** The site's navigation: MkDocs' `nav`, or every page in path order when it has none. */
export const DocsNavItemSchema: z.ZodType<DocsNavItemDto> = z.lazy(() =>
  z.object({ title: str(1024), slug: str(2048).optional(), url: str(4096).optional(), children: z.array(DocsNavItemSchema).max(1000).optional() }));

export const DocsHeadingSchema = z.object({ level: z.number().int().min(1).max(6), text: str(2048), id: str(1024) });

/** Path parameters naming the entity whose docs are read. */
export const DocsEntityParams = z.object({ namespace: str(63), kind: str(63), name: str(255) });
export const DocsPageParams = DocsEntityParams.extend({ '*': str(2048) });

export const DocsSiteSummarySchema = z.object({
  entityRef: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  title: z.string(),
  pageCount: z.number().int(),
  errorCount: z.number().int(),
  builtAt: z.string().nullable(),
  checkedAt: z.string(),
});
export type DocsSiteSummary = z.infer<typeof DocsSiteSummarySchema>;

export const DocsSiteListResponse = z.object({ items: z.array(DocsSiteSummarySchema) });

export const DocsPageSummarySchema = z.object({ slug: z.string(), path: z.string(), title: z.string() });

export const DocsSiteResponse = DocsSiteSummarySchema.extend({
  source: z.string(),
  nav: z.array(DocsNavItemSchema),
  pages: z.array(DocsPageSummarySchema),
  errors: z.array(DocsBuildErrorSchema),
  /** How many times the site was rebuilt (unchanged sources are not). */
  buildCount: z.number().int(),
  /** What the caller may do: `build` when they may rebuild the site. */
  allowedActions: z.array(z.enum(['build'])),
});
export type DocsSiteDto = z.infer<typeof DocsSiteResponse>;

export const DocsPageResponse = z.object({
  entityRef: z.string(),
  slug: z.string(),
  path: z.string(),
  title: z.string(),
  /** Sanitised at build time; links point at the UI's docs routes (`/docs/<namespace>/<kind>/<name>/<slug>`). */
  html: z.string(),
  headings: z.array(DocsHeadingSchema),
});
export type DocsPageDto = z.infer<typeof DocsPageResponse>;

export const DocsBuildQuery = z.object({ force: z.enum(['true', 'false']).optional() });
export const DocsBuildResponse = z.object({
  /** `built`: the site was (re)built now; `unchanged`: its source has not changed since the last build. */
  outcome: z.enum(['built', 'unchanged']),
  site: DocsSiteSummarySchema,
});

export const SEARCH_TYPES = ['docs', 'entity'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const SearchQuerySchema = z.object({
  q: z.string().max(200, 'q must be at most 200 characters'),
  types: z.string().max(64).optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return [...SEARCH_TYPES];
      const parts = v.split(',').map((t) => t.trim()).filter(Boolean);
      const bad = parts.filter((t) => !(SEARCH_TYPES as readonly string[]).includes(t));
      if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `unknown type "${bad[0]}"; expected ${SEARCH_TYPES.join(', ')}` });
      return parts as SearchType[];
    }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});

/** A snippet as runs of text; `match` marks the words that matched the query. */
export const SnippetSchema = z.array(z.object({ text: z.string(), match: z.boolean() }));
export type Snippet = z.infer<typeof SnippetSchema>;

const ResultBase = z.object({ entityRef: z.string(), score: z.number(), snippet: SnippetSchema, link: z.string() });
export const SearchResultSchema = z.discriminatedUnion('type', [
  ResultBase.extend({
    type: z.literal('docs'),
    siteTitle: z.string(),
    slug: z.string(),
    pageTitle: z.string(),
    heading: z.string().optional(),
    anchor: z.string().optional(),
  }),
  ResultBase.extend({
    type: z.literal('entity'),
    kind: z.string(),
    namespace: z.string(),
    name: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    owner: z.string().optional(),
    tags: z.array(z.string()),
  }),
]);
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const SearchResponse = z.object({
  query: z.string(),
  results: z.array(SearchResultSchema),
  /** Whether more results follow this page (`offset + limit`). */
  hasMore: z.boolean(),
});
export type SearchResponseDto = z.infer<typeof SearchResponse>;

/**
 * The UI's address of a docs page: `/docs/<namespace>/<kind>/<name>[/<slug>][#<anchor>]` (kind lowercased,
 * like entity pages). Server (link rewriting, search results), CLI and web agree on it through here.
 */
/** The API URL of a file (image, PDF) of an entity's docs folder, as the rendered pages link to it. */
export function docsAssetApiPath(ref: { namespace: string; kind: string; name: string }, path: string): string {
  const seg = encodeURIComponent;
  return `/api/docs/${seg(ref.namespace)}/${seg(ref.kind.toLowerCase())}/${seg(ref.name)}/assets/${path.split('/').map(seg).join('/')}`;
}

export function docsPagePath(ref: { namespace: string; kind: string; name: string }, slug: string, anchor?: string): string {
  const seg = encodeURIComponent;
  const page = slug ? `/${slug.split('/').map(seg).join('/')}` : '';
  return `/docs/${seg(ref.namespace)}/${seg(ref.kind.toLowerCase())}/${seg(ref.name)}${page}${anchor ? `#${seg(anchor)}` : ''}`;
}
