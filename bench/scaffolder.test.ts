// The scaffolder benchmark's statistics: nearest-rank percentiles and the per-step summary it reports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentile, summarize, type ScaffolderRun } from './scaffolder';

const run = (totalMs: number, fetch: number): ScaffolderRun => ({ totalMs, queueMs: 1, steps: { fetch, publish: 2 }, tailMs: 0 });

describe('scaffolder bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const xs = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    assert.equal(percentile(xs, 50), 5);
    assert.equal(percentile(xs, 95), 10);
    assert.equal(percentile([42], 95), 42);
  });
  it('summarizes the total, the first run and every step', () => {
    const s = summarize('paved', [run(1500, 300), run(900, 200), run(1100, 250)]);
    assert.equal(s.runs, 3);
    assert.equal(s.firstMs, 1500);
    assert.deepEqual(s.total, { p50: 1100, p95: 1500, min: 900, max: 1500 });
    assert.deepEqual(Object.keys(s.steps), ['fetch', 'publish']);
    assert.equal(s.steps.fetch?.p50, 250);
  });
});
