import type { ActionRegistry } from './actions/registry';
import type { SecretMasker } from './secretMask';
import type { RunCheckpoint, ScaffolderDeps } from './types';

/**
 * Runs the compensations of completed steps, newest first. A failing compensation is logged and the
 * others still run: leaving one thing behind is better than leaving everything behind.
 */
export async function runCompensations(
  checkpoint: RunCheckpoint,
  registry: ActionRegistry,
  deps: ScaffolderDeps,
  log: (message: string, stepId: string, level: 'info' | 'warn' | 'error') => void,
  mask: SecretMasker,
): Promise<void> {
  for (const c of [...checkpoint.compensations].reverse()) {
    const action = registry.get(c.action);
    if (!action?.compensate) continue;
    log(`Compensating step "${c.stepId}" (${c.action})`, c.stepId, 'info');
    try {
      await action.compensate(c.undo, {
        deps,
        logger: {
          info: (m) => log(m, c.stepId, 'info'),
          warn: (m) => log(m, c.stepId, 'warn'),
        },
      });
    } catch (err) {
      log(`Compensation of step "${c.stepId}" failed: ${mask.text(err instanceof Error ? err.message : String(err))}`, c.stepId, 'error');
    }
  }
}

/**
 * After compensating, the checkpoint must not claim that undone work is done: a retry re-runs every
 * step from the first compensated one on (later steps may have consumed its outputs). Steps before it
 * only changed the workspace, which the caller keeps.
 */
export function checkpointAfterCompensation(checkpoint: RunCheckpoint, stepOrder: string[]): RunCheckpoint {
  const undone = new Set(checkpoint.compensations.map((c) => c.stepId));
  const first = stepOrder.findIndex((id) => undone.has(id));
  if (first === -1) return { completed: checkpoint.completed, compensations: [] };
  const keep = new Set(stepOrder.slice(0, first));
  return {
    completed: Object.fromEntries(Object.entries(checkpoint.completed).filter(([id]) => keep.has(id))),
    compensations: [],
  };
}
