// compareRenderings: what a service sees for two renderings of its template — kinds of change, binary
// files, and the bounds (files, diff text) with their truncated flags.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIGRATION_LIMITS } from '../../../contracts';
import { compareRenderings } from './goldenPaths.diff';

const file = (path: string, text: string | Buffer) => ({ path, base64Content: Buffer.from(text).toString('base64') });
const v = { from: '1.0.0', to: '2.0.0' };

describe('compareRenderings', () => {
  it('lists added, removed and modified files by path, and counts the unchanged ones', () => {
    const d = compareRenderings(
      [file('a.txt', 'same\n'), file('gone.txt', 'bye\n'), file('m.txt', 'one\n')],
      [file('a.txt', 'same\n'), file('m.txt', 'two\n'), file('new.txt', 'hi\n')], v);
    assert.deepEqual(d.files.map((f) => [f.path, f.change, f.additions, f.deletions]), [['gone.txt', 'removed', 0, 1], ['m.txt', 'modified', 1, 1], ['new.txt', 'added', 1, 0]]);
    assert.deepEqual([d.available, d.changedFiles, d.unchangedFiles, d.truncated, d.fromVersion, d.toVersion], [true, 3, 1, false, '1.0.0', '2.0.0']);
    assert.equal(d.files[2]?.diff, '--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+hi\n');
  });

  it('shows a binary file (NUL bytes or not UTF-8) without diff lines', () => {
    const d = compareRenderings([file('logo.png', Buffer.from([0x89, 0x50, 0, 1]))], [file('logo.png', Buffer.from([0x89, 0x50, 0, 2])), file('latin1.txt', Buffer.from([0xe9, 0x0a]))], v);
    assert.deepEqual(d.files.map((f) => [f.path, f.change, f.binary, f.diff]), [['latin1.txt', 'added', true, ''], ['logo.png', 'modified', true, '']]);
  });

  it('lists at most MIGRATION_LIMITS.files files and says it left the rest out', () => {
    const after = Array.from({ length: MIGRATION_LIMITS.files + 5 }, (_, i) => file(`f${String(i).padStart(3, '0')}.txt`, `${i}\n`));
    const d = compareRenderings([], after, v);
    assert.equal(d.files.length, MIGRATION_LIMITS.files);
    assert.equal(d.changedFiles, MIGRATION_LIMITS.files + 5);
    assert.equal(d.truncated, true);
  });

  it('cuts a long diff at a line end within the per-file bound, and flags the file', () => {
    const long = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    const d = compareRenderings([file('big.txt', '')], [file('big.txt', `${long}\n`)], v);
    const f = d.files[0];
    assert.ok(f);
    assert.equal(f.truncated, true);
    assert.equal(d.truncated, true);
    assert.ok(f.diff.length <= MIGRATION_LIMITS.fileDiffChars, String(f.diff.length));
    assert.ok(f.diff.endsWith('\n'));
    assert.equal(f.additions, 5000, 'the counts cover the whole file');
  });
});
