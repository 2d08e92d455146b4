import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../helpers/catalogFixtures';
import type { PavedProcess } from '../helpers/startPaved';
import { writeScoredOrganisation } from '../scorecards/scorecardFixtures';

/** A scorecard whose one rule reads a fact CI pushes: pushing it moves an initiative without a catalog change. */
const COVERAGE_SCORECARD = `apiVersion: paved.dev/v1alpha1
kind: Scorecard
metadata:
  name: test-coverage
spec:
  owner: platform
  filter: { kind: component, spec.type: service }
  levels: [tested]
  rules:
    - id: coverage
      title: Coverage of 80% or more
      level: tested
      fix: Push ci.coverage from your pipeline.
      check:
        type: expression
        expression: has(facts.ci_coverage) && facts.ci_coverage >= 80.0
`;

/** The scored organisation of the scorecard tests, plus the coverage scorecard. */
export function writeInitiativeOrganisation(dir: string): void {
  writeScoredOrganisation(dir);
  mkdirSync(join(dir, 'coverage'), { recursive: true });
  writeFileSync(join(dir, 'coverage/catalog-info.yaml'), COVERAGE_SCORECARD);
}

/** Waits until both scorecards have results for their entities. */
export async function untilScored(server: PavedProcess): Promise<void> {
  await until('both scorecards evaluated', async () => {
    const r = await server.api<{ items: Array<{ name: string; entities: number }> }>('GET', '/api/scorecards');
    const by = new Map(r.body.items.map((i) => [i.name, i.entities]));
    return by.get('production-readiness') === 4 && by.get('test-coverage') === 4 ? true : undefined;
  }, 60_000);
}

export const today = () => new Date().toISOString().slice(0, 10);
export const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
