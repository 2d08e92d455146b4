// unifiedDiff: table-driven cases whose expected text is what `diff -u` / `git diff` print.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unifiedDiff } from '../../src/model';

const lines = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `line ${i + from}`);
const text = (l: string[]) => `${l.join('\n')}\n`;

describe('unifiedDiff', () => {
  const cases: Array<{ name: string; before: string | null; after: string | null; want: string; adds: number; dels: number }> = [
    { name: 'equal texts give nothing', before: 'a\nb\n', after: 'a\nb\n', want: '', adds: 0, dels: 0 },
    {
      name: 'one changed line with its context',
      before: text(lines(5)), after: text(['line 1', 'line 2', 'LINE 3', 'line 4', 'line 5']),
      want: '--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n line 1\n line 2\n-line 3\n+LINE 3\n line 4\n line 5\n', adds: 1, dels: 1,
    },
    {
      name: 'an added file',
      before: null, after: 'x\ny\n',
      want: '--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n', adds: 2, dels: 0,
    },
    {
      name: 'a removed file',
      before: 'x\n', after: null,
      want: '--- a/f\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n', adds: 0, dels: 1,
    },
    {
      name: 'changes far apart make two hunks',
      before: text(lines(20)), after: text(lines(20).map((l) => (l === 'line 2' ? 'two' : l === 'line 18' ? 'eighteen' : l))),
      want: '--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+two\n line 3\n line 4\n line 5\n'
        + '@@ -15,6 +15,6 @@\n line 15\n line 16\n line 17\n-line 18\n+eighteen\n line 19\n line 20\n', adds: 2, dels: 2,
    },
    {
      name: 'an insertion in the middle',
      before: text(lines(8)), after: text([...lines(4), 'new', ...lines(4, 5)]),
      want: '--- a/f\n+++ b/f\n@@ -2,6 +2,7 @@\n line 2\n line 3\n line 4\n+new\n line 5\n line 6\n line 7\n', adds: 1, dels: 0,
    },
    {
      name: 'a missing newline at the end is a change of its own',
      before: 'a\nb\n', after: 'a\nb',
      want: '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n', adds: 1, dels: 1,
    },
    {
      name: 'removals come before additions in a run of changes',
      before: 'keep\nold 1\nold 2\nkeep too\n', after: 'keep\nnew 1\nnew 2\nkeep too\n',
      want: '--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n keep\n-old 1\n-old 2\n+new 1\n+new 2\n keep too\n', adds: 2, dels: 2,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = unifiedDiff('f', c.before, c.after);
      assert.equal(d.text, c.want);
      assert.deepEqual([d.additions, d.deletions, d.coarse], [c.adds, c.dels, false]);
    });
  }

  it('aligns moved blocks by their longest common subsequence', () => {
    const d = unifiedDiff('f', 'a\nb\nc\nd\n', 'b\nc\nd\na\n');
    assert.equal(d.text, '--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-a\n b\n c\n d\n+a\n');
  });

  it('a middle too large to align is shown as removed then added, and says so', () => {
    const d = unifiedDiff('f', text(lines(30)), text(lines(30, 100)), { maxCells: 100 });
    assert.equal(d.coarse, true);
    assert.equal(d.deletions, 30);
    assert.equal(d.additions, 30);
    assert.match(d.text, /^@@ -1,30 \+1,30 @@$/m);
  });
});
