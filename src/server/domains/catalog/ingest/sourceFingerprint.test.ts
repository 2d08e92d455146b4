import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUnchanged, MAX_TRACKED_CHARS, recordPlaceholderReads, sourceFingerprint } from './sourceFingerprint';
import type { SourceFile, SourceReader } from './sourceTypes';

/** A reader over an in-memory map of placeholder targets; a missing target fails like a missing file. */
function fakeReader(files: Map<string, string>, opts: { reread: boolean } = { reread: true }): SourceReader & { rereads: string[] } {
  const rereads: string[] = [];
  const read = async (target: string) => {
    const text = files.get(target);
    if (text === undefined) throw new Error(`${target}: no such file`);
    return text;
  };
  return {
    rereads,
    read: async () => ({ files: [], errors: [], hash: 'h' }),
    readPlaceholder: (_file, target) => read(target),
    resolveChild: (_file, target) => target,
    ...(opts.reread ? { rereadPlaceholder: (target: string) => (rereads.push(target), read(target)) } : {}),
  };
}

const FILE: SourceFile = { locationKey: 'file:/c/catalog-info.yaml', base: '/c/catalog-info.yaml', root: '/c', bytes: new Uint8Array() };

/** Processes a source that reads `targets` through its placeholders and returns the fingerprint to store. */
async function processedFingerprint(reader: SourceReader, targets: string[]): Promise<string> {
  const recorded = recordPlaceholderReads(reader);
  for (const t of targets) await recorded.reader.readPlaceholder(FILE, t).catch(() => undefined);
  return sourceFingerprint('h', recorded.digests);
}

describe('source fingerprint', () => {
  it('is the plain read hash without placeholders, and skips on one comparison', async () => {
    const reader = fakeReader(new Map());
    const stored = await processedFingerprint(reader, []);
    assert.equal(stored, 'h');
    assert.equal(await isUnchanged(stored, 'h', reader), true);
    assert.equal(await isUnchanged(stored, 'other', reader), false);
    assert.deepEqual(reader.rereads, []);
  });

  const cases: Array<{ name: string; change: (files: Map<string, string>) => void; unchanged: boolean }> = [
    { name: 'targets unchanged', change: () => undefined, unchanged: true },
    { name: 'a target changed', change: (f) => f.set('/c/b.md', 'B2'), unchanged: false },
    { name: 'a target deleted', change: (f) => f.delete('/c/a.md'), unchanged: false },
    { name: 'a missing target appeared', change: (f) => f.set('/c/missing.md', 'now here'), unchanged: false },
  ];
  for (const c of cases) {
    it(`re-reads the recorded targets before skipping: ${c.name}`, async () => {
      const files = new Map([['/c/a.md', 'A'], ['/c/b.md', 'B']]);
      const reader = fakeReader(files);
      const stored = await processedFingerprint(reader, ['/c/a.md', '/c/b.md', '/c/a.md', '/c/missing.md']);
      assert.match(stored, /^h \S+ \["\/c\/a\.md","\/c\/b\.md","\/c\/missing\.md"\]$/);
      c.change(files);
      assert.equal(await isUnchanged(stored, 'h', reader), c.unchanged);
      assert.equal(await isUnchanged(stored, 'h2', reader), false, 'a changed descriptor is never skipped');
    });
  }

  it('records nothing for a reader whose hash covers placeholders (git)', async () => {
    const reader = fakeReader(new Map([['/repository/a.md', 'A']]), { reread: false });
    assert.equal(await processedFingerprint(reader, ['/repository/a.md']), 'h');
  });

  it('bounds what is stored: too many targets are not listed, and the source is always processed', async () => {
    const targets = Array.from({ length: Math.ceil(MAX_TRACKED_CHARS / 20) }, (_, i) => `/c/docs/file-${String(i).padStart(6, '0')}.md`);
    const reader = fakeReader(new Map(targets.map((t) => [t, 'x'])));
    const stored = await processedFingerprint(reader, targets);
    assert.equal(stored, 'h untracked');
    assert.equal(await isUnchanged(stored, 'h', reader), false);
    assert.deepEqual(reader.rereads, []);
  });

  it('treats a malformed stored fingerprint as changed', async () => {
    const reader = fakeReader(new Map());
    for (const stored of ['h x', 'h x not-json', 'h x {"a":1}', 'h x [1]', '']) assert.equal(await isUnchanged(stored, 'h', reader), false, stored);
  });
});
