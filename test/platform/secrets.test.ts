import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/server/platform/config';
import { createSecretBox, isSealed, keyIdOf, loadSecretKey, parseSecretKey, SecretError } from '../../src/server/platform/secrets';

const KEY = randomBytes(32);
const box = createSecretBox(KEY);
const CONTEXT = 'locations.encrypted_target:loc-1';
const SECRET = 'https://user:tok3n-s3cret@git.example.com/shop.git#main:catalog-info.yaml';

/** Flips one bit of the envelope's payload at byte `at`. */
function tamper(sealed: string, at: number): string {
  const i = sealed.lastIndexOf(':');
  const payload = Buffer.from(sealed.slice(i + 1), 'base64url');
  payload[at] = (payload[at] as number) ^ 1;
  return `${sealed.slice(0, i + 1)}${payload.toString('base64url')}`;
}

const failsWith = (fn: () => unknown, pattern: RegExp, mustNotContain: string[] = [SECRET]) => {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof SecretError, String(err));
    assert.match(err.message, pattern);
    for (const s of mustNotContain) assert.ok(!err.message.includes(s), `the message leaks ${s.slice(0, 8)}…: ${err.message}`);
    return true;
  });
};

describe('secret box: envelope', () => {
  for (const plaintext of ['', 'x', SECRET, 'ünïcødé ✓ 密码', 'a'.repeat(4096)]) {
    it(`round-trips ${JSON.stringify(plaintext.slice(0, 20))}${plaintext.length > 20 ? '…' : ''}`, () => {
      const sealed = box.seal(plaintext, CONTEXT);
      assert.match(sealed, new RegExp(`^enc:v1:${box.keyId}:[A-Za-z0-9_-]+$`));
      assert.ok(isSealed(sealed));
      if (plaintext.length > 3) assert.ok(!sealed.includes(plaintext) && !sealed.includes(Buffer.from(plaintext).toString('base64')));
      assert.equal(box.open(sealed, CONTEXT), plaintext);
    });
  }

  it('seals with a fresh data key and IV every time', () => {
    const a = box.seal(SECRET, CONTEXT);
    const b = box.seal(SECRET, CONTEXT);
    assert.notEqual(a, b);
    assert.equal(box.open(a, CONTEXT), box.open(b, CONTEXT));
  });

  it('names the key by a fingerprint that reveals nothing of it', () => {
    assert.match(box.keyId, /^[0-9a-f]{16}$/);
    assert.equal(box.keyId, keyIdOf(KEY));
    assert.ok(!KEY.toString('hex').includes(box.keyId));
    assert.notEqual(keyIdOf(randomBytes(32)), box.keyId);
  });

  it('detects a flipped bit anywhere in the payload', () => {
    const sealed = box.seal(SECRET, CONTEXT);
    const length = Buffer.from(sealed.slice(sealed.lastIndexOf(':') + 1), 'base64url').length;
    for (let at = 0; at < length; at++) failsWith(() => box.open(tamper(sealed, at), CONTEXT), /altered or sealed for another place/);
  });

  it('refuses a value moved to another context, truncated, or of an unknown format', () => {
    const sealed = box.seal(SECRET, CONTEXT);
    failsWith(() => box.open(sealed, 'locations.encrypted_target:loc-2'), /for locations\.encrypted_target:loc-2: it was altered or sealed for another place/);
    failsWith(() => box.open(sealed.slice(0, 60), CONTEXT), /truncated/);
    failsWith(() => box.open(sealed.replace('enc:v1:', 'enc:v9:'), CONTEXT), /unknown envelope version "v9"/);
    failsWith(() => box.open(SECRET, CONTEXT), /not a sealed value/);
    failsWith(() => box.open(`${sealed}:extra`, CONTEXT), /not a sealed value/);
  });

  it('names both keys when opened with a different key, never the keys themselves', () => {
    const other = randomBytes(32);
    const sealed = box.seal(SECRET, CONTEXT);
    failsWith(() => createSecretBox(other).open(sealed, CONTEXT), new RegExp(`sealed with key ${box.keyId}, but the configured key is ${keyIdOf(other)}`),
      [SECRET, KEY.toString('hex'), KEY.toString('base64'), other.toString('hex'), other.toString('base64')]);
  });

  it('detects a key id rewritten to the configured key', () => {
    const other = createSecretBox(randomBytes(32));
    const forged = other.seal(SECRET, CONTEXT).replace(other.keyId, box.keyId);
    failsWith(() => box.open(forged, CONTEXT), /altered/);
  });

  it('opens what a previous key sealed, and seals with the primary one', () => {
    const next = randomBytes(32);
    const rotated = createSecretBox(next, [KEY]);
    const old = box.seal(SECRET, CONTEXT);
    assert.equal(rotated.open(old, CONTEXT), SECRET);
    assert.equal(rotated.keyId, keyIdOf(next));
    failsWith(() => box.open(rotated.seal(SECRET, CONTEXT), CONTEXT), /sealed with key/);
  });

  it('refuses keys that are not 32 bytes', () => {
    assert.throws(() => createSecretBox(randomBytes(16)), /32 bytes, not 16/);
  });
});

describe('secret key: PAVED_SECRET_KEY and the key file', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'paved-key-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const raw = randomBytes(32);
  for (const [label, text] of [
    ['hex', raw.toString('hex')], ['HEX', raw.toString('hex').toUpperCase()], ['base64', raw.toString('base64')],
    ['base64 without padding', raw.toString('base64').replace(/=$/, '')], ['base64url', raw.toString('base64url')], ['with a newline', `${raw.toString('base64')}\n`],
  ] as const) {
    it(`accepts 32 bytes as ${label}`, () => assert.deepEqual(parseSecretKey(text), raw));
  }

  for (const [label, text] of [
    ['empty', ''], ['a passphrase', 'correct horse battery staple'], ['63 hex characters', 'a'.repeat(63)], ['non-hex characters', 'g'.repeat(64)],
    ['31 bytes in base64', randomBytes(31).toString('base64')], ['33 bytes in base64', randomBytes(33).toString('base64')], ['16 bytes in hex', randomBytes(16).toString('hex')],
  ] as const) {
    it(`refuses ${label}, saying what is expected without echoing the value`, () => {
      failsWith(() => parseSecretKey(text), new RegExp(`^PAVED_SECRET_KEY: expected a 32-byte key as 64 hex or 44 base64 characters .*but found ${text.trim().length} characters$`), text ? [text] : []);
    });
  }

  it('stops the start on a malformed PAVED_SECRET_KEY with a clear configuration error', () => {
    const value = 'not-a-key-but-a-secret-anyway';
    assert.throws(() => loadConfig({ PAVED_SECRET_KEY: value }), (err: Error) => {
      assert.match(err.message, /^Invalid configuration: secretKey: PAVED_SECRET_KEY: expected a 32-byte key/);
      assert.ok(!err.message.includes(value));
      return true;
    });
    assert.equal(loadConfig({ PAVED_SECRET_KEY: raw.toString('base64') }).secretKey, raw.toString('base64'));
    assert.equal(loadConfig({ PAVED_SECRET_KEY: '' }).secretKey, undefined);
  });

  it('prefers PAVED_SECRET_KEY and then writes no key file', () => {
    const dir = tempDir();
    const loaded = loadSecretKey({ secretKey: raw.toString('hex'), dataDir: dir });
    assert.equal(loaded.source, 'env');
    assert.deepEqual(loaded.key, raw);
    assert.throws(() => statSync(join(dir, 'secret.key')));
  });

  it('generates a key file (mode 0600) on first start and reads it afterwards', () => {
    const dir = join(tempDir(), 'data');
    const first = loadSecretKey({ dataDir: dir });
    assert.equal(first.source, 'file');
    assert.equal(first.created, true);
    assert.equal(first.file, join(dir, 'secret.key'));
    assert.equal(statSync(join(dir, 'secret.key')).mode & 0o777, 0o600);
    assert.deepEqual(parseSecretKey(readFileSync(join(dir, 'secret.key'), 'utf8')), first.key);
    const second = loadSecretKey({ dataDir: dir });
    assert.equal(second.created, false);
    assert.deepEqual(second.key, first.key);
    assert.deepEqual(second.warnings, []);
  });

  it('names a corrupt key file and warns about one others can read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret.key'), 'garbage\n', { mode: 0o600 });
    failsWith(() => loadSecretKey({ dataDir: dir }), new RegExp(`^${join(dir, 'secret.key')}: expected a 32-byte key`), ['garbage']);
    writeFileSync(join(dir, 'secret.key'), `${raw.toString('base64')}\n`);
    chmodSync(join(dir, 'secret.key'), 0o644);
    assert.match(loadSecretKey({ dataDir: dir }).warnings.join('\n'), /readable by other users; restrict it with chmod 600/);
  });
});
