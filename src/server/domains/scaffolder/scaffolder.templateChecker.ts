import { createHash } from 'node:crypto';
import type { ScaffolderEngine, TemplateProblem } from './engine';

/**
 * The scaffolder's check of Template entities, run by the catalog after ingestion (catalog.checks.ts) so a
 * template that cannot run shows in the catalog's errors, not only at `…/problems` or as a 400 on a run.
 * Shaped like the catalog's EntityChecker; the server's composition root hands it over.
 */
export function createTemplateChecker(engine: Pick<ScaffolderEngine, 'validateTemplate' | 'listActions'>) {
  // Installed actions decide "unknown action", so a server with other actions checks every template again.
  const version = createHash('sha256').update(engine.listActions().map((a) => a.id).sort().join('\n')).digest('hex').slice(0, 16);
  const key = (p: TemplateProblem) => `${p.path}\0${p.message}`;
  return {
    id: 'scaffolder.template',
    kinds: ['template'],
    version,
    errorKind: 'template' as const,
    check(entity: unknown, source: { text: string } | undefined) {
      // The catalog's entity (placeholders resolved, annotations added) is what runs; the source text only lends line numbers.
      const problems = engine.validateTemplate(entity);
      const lines = new Map<string, number>();
      if (source && problems.length > 0) {
        for (const p of engine.validateTemplate(source.text)) if (p.line !== undefined) lines.set(key(p), p.line);
      }
      return problems.map((p) => ({ path: p.path === '(template)' ? null : p.path, message: p.message, line: lines.get(key(p)) }));
    },
  };
}
