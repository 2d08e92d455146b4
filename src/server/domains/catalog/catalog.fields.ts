import { InputError } from '../../platform/errors';

/** Backstage's `fields` projection: keep only the listed dotted paths (lodash get/set semantics, no arrays). */
export function parseFields(params: string[] | undefined): string[] | undefined {
  if (!params) return undefined;
  const fields = params.flatMap((p) => p.split(',')).map((f) => f.trim()).filter(Boolean);
  if (fields.some((f) => f.includes('['))) throw new InputError('invalid fields, array type fields are not supported');
  return fields.length > 0 ? fields : undefined;
}

export function projectFields<T extends object>(entity: T, fields: string[] | undefined): Partial<T> {
  if (!fields) return entity;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const path = field.split('.');
    let src: unknown = entity;
    for (const p of path) src = src !== null && typeof src === 'object' ? (src as Record<string, unknown>)[p] : undefined;
    if (src === undefined) continue;
    let dst = out;
    path.slice(0, -1).forEach((p) => {
      const next = dst[p];
      dst = (next !== null && typeof next === 'object' ? next : (dst[p] = {})) as Record<string, unknown>;
    });
    dst[path[path.length - 1] as string] = src;
  }
  return out as Partial<T>;
}
