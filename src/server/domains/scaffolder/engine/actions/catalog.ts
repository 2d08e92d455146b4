import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { ActionInputError } from '../errors';
import { resolveInputPath } from '../workspace';
import { createTemplateAction } from './createTemplateAction';

export const ANNOTATION_SOURCE_TEMPLATE = 'backstage.io/source-template';
const ref = z.string().min(1).max(1024);

const catalogWrite = createTemplateAction({
  id: 'catalog:write',
  description: 'Writes an entity descriptor (catalog-info.yaml) into the workspace, annotated with the template it came from.',
  schema: {
    input: z.object({
      filePath: z.string().min(1).max(1024).optional().describe('Default catalog-info.yaml'),
      entity: z.looseObject({ metadata: z.looseObject({ annotations: z.record(z.string(), z.string()).optional() }).optional() }),
    }),
  },
  async handler(ctx) {
    const filePath = ctx.input.filePath ?? 'catalog-info.yaml';
    const target = resolveInputPath(ctx.workspacePath, filePath, 'filePath');
    const { entity } = ctx.input;
    const metadata = entity.metadata ?? {};
    const annotated = {
      ...entity,
      metadata: { ...metadata, annotations: { ...metadata.annotations, [ANNOTATION_SOURCE_TEMPLATE]: ctx.templateInfo.entityRef } },
    };
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, stringify(annotated));
    ctx.logger.info(`Wrote ${filePath}`);
  },
});

/** `[kind:][namespace/]name` with defaults, lower-cased kind/namespace as the catalog stores refs. */
export function normalizeEntityRef(input: string, defaults: { defaultKind?: string; defaultNamespace?: string }): string {
  const m = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(input.trim());
  if (!m) throw new Error(`"${input}" is not an entity reference`);
  const kind = m[1] ?? defaults.defaultKind;
  if (!kind) throw new Error(`"${input}" has no kind and no defaultKind was given`);
  return `${kind}:${m[2] ?? defaults.defaultNamespace ?? 'default'}/${m[3]}`.toLowerCase();
}

const catalogFetch = createTemplateAction({
  id: 'catalog:fetch',
  description: 'Returns entities from the catalog by reference.',
  schema: {
    input: z.object({
      entityRef: ref.optional(),
      entityRefs: z.array(ref).max(1000).optional(),
      optional: z.boolean().optional().describe('Do not fail when an entity is missing'),
      defaultKind: z.string().max(100).optional(),
      defaultNamespace: z.string().max(100).optional(),
    }),
    output: z.object({ entity: z.record(z.string(), z.unknown()).optional(), entities: z.array(z.record(z.string(), z.unknown()).nullable()).optional() }),
  },
  async handler(ctx) {
    const { entityRef, entityRefs, optional } = ctx.input;
    if (!entityRef && !entityRefs) throw new ActionInputError('entityRef', 'one of entityRef or entityRefs is required');
    const get = async (raw: string, input: string) => {
      let normalized: string;
      try {
        normalized = normalizeEntityRef(raw, ctx.input);
      } catch (err) {
        throw new ActionInputError(input, err instanceof Error ? err.message : String(err));
      }
      const entity = await ctx.deps.catalog.getEntityByRef(normalized);
      if (!entity && !optional) throw new ActionInputError(input, `entity ${normalized} not found`);
      return entity ?? null;
    };
    if (entityRef) {
      const entity = await get(entityRef, 'entityRef');
      if (entity) ctx.output('entity', entity);
    }
    if (entityRefs) ctx.output('entities', await Promise.all(entityRefs.map((r, i) => get(r, `entityRefs[${i}]`))));
  },
});

/** `git:<repo>#<ref>:<path>` / `file:/abs` / `url:https://…` (location keys) or a bare URL → a location to register. */
export function toLocation(catalogInfoUrl: string): { type: string; target: string } {
  const m = /^(git|file|url):(.*)$/s.exec(catalogInfoUrl);
  if (m?.[1] && m[2] !== undefined && !m[2].startsWith('//')) return { type: m[1], target: m[2] };
  return { type: 'url', target: catalogInfoUrl };
}

/** Joins a repoContentsUrl and a catalogInfoPath; git contents URLs end at `#<ref>:`. */
export function joinContentsUrl(repoContentsUrl: string, catalogInfoPath: string): string {
  const path = catalogInfoPath.replace(/^\/+/, '');
  if (repoContentsUrl.endsWith(':')) return `${repoContentsUrl}${path}`;
  return `${repoContentsUrl.replace(/\/+$/, '')}/${path}`;
}

const entityKind = (r: string) => r.split(':')[0]?.toLowerCase();

const catalogRegister = createTemplateAction({
  id: 'catalog:register',
  description: 'Registers a catalog-info file as a location in the catalog.',
  schema: {
    input: z.object({
      catalogInfoUrl: z.string().min(1).max(4096).optional(),
      repoContentsUrl: z.string().min(1).max(4096).optional(),
      catalogInfoPath: z.string().min(1).max(1024).optional().describe('Default /catalog-info.yaml'),
      optional: z.boolean().optional().describe('Do not fail when the location cannot be registered'),
    }),
    output: z.object({ entityRef: z.string().optional(), catalogInfoUrl: z.string() }),
  },
  async handler(ctx) {
    const { input } = ctx;
    let catalogInfoUrl = input.catalogInfoUrl;
    if (!catalogInfoUrl) {
      if (!input.repoContentsUrl) throw new ActionInputError('catalogInfoUrl', 'one of catalogInfoUrl or repoContentsUrl is required');
      catalogInfoUrl = joinContentsUrl(input.repoContentsUrl, input.catalogInfoPath ?? '/catalog-info.yaml');
    }
    const location = toLocation(catalogInfoUrl);
    ctx.logger.info(`${ctx.dryRun ? 'Dry run: checking' : 'Registering'} ${location.type} location ${location.target}`);
    try {
      const result = await ctx.deps.catalog.registerLocation(location, { dryRun: ctx.dryRun });
      if (result.locationId && !ctx.dryRun) ctx.addCompensation({ locationId: result.locationId });
      const entityRef = result.entityRefs.find((r) => entityKind(r) !== 'location');
      if (entityRef) ctx.output('entityRef', entityRef);
      if (ctx.dryRun) ctx.output('dryRun', true);
    } catch (err) {
      // In a dry run the repository was not published, so the location may well be unreadable.
      if (!input.optional && !ctx.dryRun) throw new ActionInputError(input.catalogInfoUrl ? 'catalogInfoUrl' : 'repoContentsUrl', `could not register ${catalogInfoUrl}: ${err instanceof Error ? err.message : String(err)}`);
      ctx.logger.warn(`Could not register ${catalogInfoUrl}${ctx.dryRun ? ' (dry run)' : ' (optional)'}: ${err instanceof Error ? err.message : String(err)}`);
    }
    ctx.output('catalogInfoUrl', catalogInfoUrl);
  },
  async compensate(undo, ctx) {
    if (typeof undo.locationId !== 'string') return;
    await ctx.deps.catalog.unregisterLocation(undo.locationId);
    ctx.logger.info(`Unregistered location ${undo.locationId}`);
  },
});

export const catalogActions = [catalogWrite, catalogFetch, catalogRegister];
