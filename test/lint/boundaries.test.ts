import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Lints a snippet as if it lived at `filePath`, returning the restricted-import messages. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (npm run lint)', () => {
  it('keeps src/model pure', async () => {
    assert.equal((await violations('src/model/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).length, 1);
    assert.equal((await violations('src/model/probe.ts', "import { startServer } from '../server/main';\nexport const x = startServer;\n")).length, 1);
    assert.deepEqual(await violations('src/model/probe.ts', "import { posix } from 'node:path';\nexport const x = posix;\n"), []);
  });

  it('keeps contracts free of server code and web free of server and cli code', async () => {
    assert.equal((await violations('src/contracts/probe.ts', "import { authorize } from '../server/platform/authz';\nexport const x = authorize;\n")).length, 1);
    assert.equal((await violations('web/src/probe.ts', "import { startServer } from '../../src/server/main';\nexport const x = startServer;\n")).length, 1);
    assert.deepEqual(await violations('web/src/probe.ts', "import { parseEntityRef } from '../../src/model';\nexport const x = parseEntityRef;\n"), []);
  });

  it('keeps src/node (adapters shared by server and CLI) free of server, CLI and web code', async () => {
    assert.equal((await violations('src/node/probe.ts', "import { recordAudit } from '../server/platform/audit';\nexport const x = recordAudit;\n")).length, 1);
    assert.equal((await violations('src/node/probe.ts', "import { serve } from '../server/main';\nexport const x = serve;\n")).length, 1);
    assert.equal((await violations('src/node/probe.ts', "import { printTable } from '../cli/format';\nexport const x = printTable;\n")).length, 1);
    assert.deepEqual(await violations('src/node/probe.ts', "import { readdir } from 'node:fs/promises';\nimport { findRepositories } from '../model/discovery';\nexport const x = [readdir, findRepositories];\n"), []);
    assert.deepEqual(await violations('src/cli/probe.ts', "import { createFsTree } from '../node/fsTree';\nexport const x = createFsTree;\n"), []);
    assert.deepEqual(await violations('src/server/domains/catalog/probe.ts', "import { createFsTree } from '../../../node/fsTree';\nexport const x = createFsTree;\n"), []);
  });

  it('lets the CLI reach the server only through its entry point', async () => {
    assert.equal((await violations('src/cli/probe.ts', "import { recordAudit } from '../server/platform/audit';\nexport const x = recordAudit;\n")).length, 1);
    assert.deepEqual(await violations('src/cli/probe.ts', "import { serve } from '../server/main';\nexport const x = serve;\n"), []);
  });
});
