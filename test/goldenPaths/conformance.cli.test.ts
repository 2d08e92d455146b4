// `paved golden-paths` (the real binary) against a live server with the demo organisation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import type { GoldenPathDetail, GoldenPathList } from '../../src/contracts';
import { PAVED_BIN, ROOT, startPaved, type PavedProcess } from '../helpers/startPaved';

describe('paved golden-paths (the real binary)', () => {
  let server: PavedProcess;
  let env: Record<string, string>;
  const paved = (args: string[]) => {
    const r = spawnSync(process.execPath, [PAVED_BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  before(async () => {
    server = await startPaved({ demo: true });
    env = { PAVED_URL: server.url, PAVED_TOKEN: server.adminToken };
  });
  after(async () => server?.stop());

  it('lists the golden paths as a table: name, version, tier, owner, services current/older', () => {
    const r = paved(['golden-paths']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAME\s+VERSION\s+TIER\s+OWNER\s+SERVICES\s+CURRENT\s+OLDER$/m);
    assert.match(r.stdout, /^typescript-http-service\s+1\.0\.0\s+supported\s+platform-team\s+2\s+1\s+1$/m);
    assert.match(r.stdout, /^background-worker\s+1\.0\.0\s+supported\s+platform-team\s+2\s+0\s+2$/m);
    assert.match(r.stdout, /^docs-site\s+1\.0\.0\s+community\s+platform-team\s+0\s+0\s+0$/m);
    assert.match(r.stdout, /7 of 33 components on a golden path \(3 on the current version, 4 behind\); 26 on none\./);
  });

  it('-o json and -o yaml give the API response', () => {
    const json = JSON.parse(paved(['golden-paths', '-o', 'json']).stdout) as GoldenPathList;
    assert.equal(json.items.length, 5);
    const yaml = parse(paved(['golden-paths', '-o', 'yaml']).stdout) as GoldenPathList;
    assert.deepEqual(yaml.items.map((p) => p.name), json.items.map((p) => p.name));
    const one = JSON.parse(paved(['golden-paths', 'python-http-service', '-o', 'json']).stdout) as GoldenPathDetail;
    assert.deepEqual(one.services.map((s) => [s.name, s.status]), [['promotions-engine', 'current'], ['route-planner', 'older']]);
  });

  it('shows one path: standards with their fix, the services on it and conformance per team', () => {
    const r = paved(['golden-paths', 'typescript-http-service']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Version:\s+1\.0\.0$/m);
    assert.match(r.stdout, /^Template:\s+template:default\/typescript-http-service$/m);
    assert.match(r.stdout, /^ {2}has-ci\s+Runs CI on every push \[fileExists\]$/m);
    assert.match(r.stdout, /fix: Keep \.github\/workflows\/ci\.yml from the template\./);
    assert.match(r.stdout, /^storefront-bff\s+storefront-team\s+1\.0\.0\s+current\s+annotation$/m);
    assert.match(r.stdout, /^feature-flags-service\s+platform-team\s+0\.9\.0\s+older\s+annotation$/m);
    assert.match(r.stdout, /^TEAM\s+SERVICES\s+ON PATH\s+CURRENT\s+OLDER\s+SHARE$/m);
    assert.match(r.stdout, /^storefront-team\s+6\s+1\s+1\s+0\s+17%$/m);
    const missing = paved(['golden-paths', 'nope']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /404.*No golden path named 'nope'/);
  });
});
