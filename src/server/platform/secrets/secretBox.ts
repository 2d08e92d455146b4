import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Envelope format version 1: `enc:v1:<keyId>:<base64url payload>`; a later format gets a new version. */
const VERSION = 'v1';
const PREFIX = 'enc:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** wrapIv | wrapped data key | wrapTag | iv | ciphertext | tag */
const MIN_PAYLOAD = IV_BYTES + KEY_BYTES + TAG_BYTES + IV_BYTES + TAG_BYTES;

/** A secret could not be sealed or opened. The message names keys by id and never holds key or secret material. */
export class SecretError extends Error {
  override readonly name = 'SecretError';
}

/**
 * Seals and opens small secrets (credentials in location targets, later tokens of integrations) for
 * storage at rest. `context` names where the sealed value lives (e.g. `locations.encrypted_target:<id>`):
 * it is authenticated, so a sealed value copied into another row or column does not open.
 */
export interface SecretBox {
  /** Id of the key new secrets are sealed with (a fingerprint, safe to log). */
  readonly keyId: string;
  seal(plaintext: string, context: string): string;
  /** Throws SecretError when the value was altered, sealed for another context, or sealed with a key not configured. */
  open(sealed: string, context: string): string;
}

/** Whether a stored value is an envelope (as opposed to legacy plain text). */
export const isSealed = (value: string): boolean => value.startsWith(PREFIX);

/** A short, non-reversible fingerprint of a key: envelopes carry it so a rotated or wrong key is named, not guessed. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('paved-secret-key-id\0').update(key).digest('hex').slice(0, 16);
}

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer[] {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  return [iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()];
}

function decrypt(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/**
 * Envelope encryption with AES-256-GCM (ARCHITECTURE.md): every secret gets its own random data key,
 * which is wrapped by the key-encryption key `primary`. The envelope names the key-encryption key by id,
 * so `previous` keys can still open what they sealed after a rotation, and moving the key-encryption key
 * into an external KMS later changes only how the data key is wrapped.
 */
export function createSecretBox(primary: Buffer, previous: readonly Buffer[] = []): SecretBox {
  for (const k of [primary, ...previous]) if (k.length !== KEY_BYTES) throw new SecretError(`secret keys must be ${KEY_BYTES} bytes, not ${k.length}`);
  const keyId = keyIdOf(primary);
  const keys = new Map<string, Buffer>([...previous, primary].map((k) => [keyIdOf(k), k]));
  const header = (id: string) => `${PREFIX}${VERSION}:${id}`;

  return {
    keyId,
    seal(plaintext, context) {
      const dataKey = randomBytes(KEY_BYTES);
      try {
        const head = header(keyId);
        const wrapped = encrypt(primary, dataKey, Buffer.from(head));
        const sealed = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), Buffer.from(`${head}\0${context}`));
        return `${head}:${Buffer.concat([...wrapped, ...sealed]).toString('base64url')}`;
      } finally {
        dataKey.fill(0);
      }
    },
    open(value, context) {
      const parts = value.split(':');
      if (parts.length !== 4 || `${parts[0]}:` !== PREFIX) throw new SecretError(`cannot open the secret for ${context}: not a sealed value`);
      const [, version, id, body] = parts as [string, string, string, string];
      if (version !== VERSION) throw new SecretError(`cannot open the secret for ${context}: unknown envelope version "${version.slice(0, 16)}"`);
      const kek = keys.get(id);
      if (!kek) {
        throw new SecretError(`cannot open the secret for ${context}: it was sealed with key ${id.slice(0, 16)}, but the configured key is ${keyId}; `
          + 'start Paved with the PAVED_SECRET_KEY (or <data dir>/secret.key) it was sealed with, or register the location again');
      }
      const payload = Buffer.from(body, 'base64url');
      if (payload.length < MIN_PAYLOAD) throw new SecretError(`cannot open the secret for ${context}: the sealed value is truncated`);
      let at = 0;
      const take = (n: number) => payload.subarray(at, (at += n));
      const head = header(id);
      let dataKey: Buffer | undefined;
      try {
        dataKey = decrypt(kek, take(IV_BYTES), take(KEY_BYTES), take(TAG_BYTES), Buffer.from(head));
        const iv = take(IV_BYTES);
        const ciphertext = take(payload.length - at - TAG_BYTES);
        return decrypt(dataKey, iv, ciphertext, take(TAG_BYTES), Buffer.from(`${head}\0${context}`)).toString('utf8');
      } catch {
        throw new SecretError(`cannot open the secret for ${context}: it was altered or sealed for another place (authentication failed)`);
      } finally {
        dataKey?.fill(0);
      }
    },
  };
}
