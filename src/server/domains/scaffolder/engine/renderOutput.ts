import type { TemplateRenderer } from '../templating/index';

export function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : !!value;
}

/** Renders `spec.output`; links and text entries whose `if` is falsy are left out. */
export async function renderOutput(output: Record<string, unknown> | undefined, renderer: TemplateRenderer, context: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (!output) return {};
  const rendered = (await renderer.renderValue(output, context)) as Record<string, unknown> | undefined;
  if (!rendered || typeof rendered !== 'object') return {};
  for (const key of ['links', 'text']) {
    const list = rendered[key];
    if (!Array.isArray(list)) continue;
    rendered[key] = list
      .filter((item: unknown) => !(item && typeof item === 'object' && 'if' in item) || isTruthy((item as { if?: unknown }).if))
      .map((item: unknown) => {
        if (!item || typeof item !== 'object') return item;
        const { if: _if, ...rest } = item as Record<string, unknown>;
        return rest;
      });
  }
  return rendered;
}
