import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { processTree } from '../../bench/server';
import { until, writeGeneratedOrganisation } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';

/** Live processes under `pid` running the ingestion host (ADR 0012). */
function ingestionProcesses(pid: number): number[] {
  return processTree(pid).slice(1).filter((c) => {
    try {
      return readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('ingestHost');
    } catch {
      return false;
    }
  });
}

const ALL_KINDS = 'kind=component,kind=api,kind=group,kind=user,kind=system,kind=domain,kind=resource';
const countOf = async (p: PavedProcess) => (await p.api<{ totalItems: number }>('GET', `/api/catalog/entities/by-query?limit=0&filter=${ALL_KINDS}`)).body.totalItems;

describe('ingestion process', () => {
  let paved: PavedProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'paved-ingest-process-'));
  after(async () => {
    await paved?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a refresh in a child process that exits when idle, and a bulk load ends with its filter indexes built', async () => {
    const orgDir = join(dir, 'small');
    const { expected } = writeGeneratedOrganisation(orgDir, { n: 2000, seed: 11, chunk: 250 });
    paved = await startPaved({ env: { PAVED_LOCATIONS: `file:${join(orgDir, 'all.yaml')}`, PAVED_INGEST_IDLE_SECONDS: '1' } });
    const p = paved;
    const pid = p.child.pid ?? -1;
    const seen = new Set<number>();
    await until('ingestion', async () => {
      for (const c of ingestionProcesses(pid)) seen.add(c);
      return (await countOf(p)) === expected ? true : undefined;
    }, 120_000, 50);
    assert.ok(seen.size >= 1, 'the refresh ran in a child process of the server');
    await until('the idle ingestion process exits', async () => (ingestionProcesses(pid).length === 0 ? true : undefined), 20_000);

    // Filters answer through the rebuilt indexes, and on SQLite the indexes are really there.
    const owned = await p.api<{ totalItems: number }>('GET', '/api/catalog/entities/by-query?limit=1&filter=kind=group');
    assert.ok(owned.body.totalItems > 0);
    if (process.env.PAVED_TEST_DB !== 'postgres') {
      const db = new BetterSqlite3(join(p.dataDir, 'paved.sqlite'), { readonly: true });
      try {
        const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all().map((r) => (r as { name: string }).name);
        for (const ix of ['search_key_value', 'relations_from', 'relations_to']) assert.ok(names.includes(ix), `index ${ix} exists after the bulk load`);
      } finally {
        db.close();
      }
    }
    await p.stop();
    paved = undefined;
  });

  it('a killed ingestion process fails its refresh, the server stays up, and the retry completes the catalog', async () => {
    const orgDir = join(dir, 'large');
    const { expected } = writeGeneratedOrganisation(orgDir, { n: 6000, seed: 11, chunk: 250 });
    paved = await startPaved({ env: { PAVED_LOCATIONS: `file:${join(orgDir, 'all.yaml')}` } });
    const p = paved;
    const pid = p.child.pid ?? -1;
    const victim = await until('partial ingestion in a child process', async () => {
      const [child] = ingestionProcesses(pid);
      return child !== undefined && (await countOf(p)) > 0 ? child : undefined;
    }, 120_000, 20);
    process.kill(victim, 'SIGKILL');
    assert.equal((await p.api('GET', '/healthz')).status, 200);
    await until('complete ingestion after the retry', async () => ((await countOf(p)) === expected ? true : undefined), 120_000);
    const errors = await p.api<{ totalItems: number }>('GET', '/api/catalog/errors');
    assert.equal(errors.body.totalItems, 0);
    assert.match(p.output(), /ingestion process exited \(SIGKILL\)/);
  });
});
