// Application-layer protection of personal identifiers (身份证号): AES-256-GCM with the key id
// stored beside every value so keys can rotate, and a keyed hash (HMAC-SHA256) for look-ups.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface PiiKeyring {
  /** Id of the key new values are encrypted with (the first one listed). */
  readonly currentKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
  /** Key of the equality hash; changing it means recomputing every hash (see docs/security.md). */
  readonly hmacKey: Buffer;
}

export interface Sealed {
  ciphertext: string;
  keyId: string;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** `id:base64,id:base64,…` → keys by id; the first is current. Throws a readable message. */
export function parseKeyList(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf(':');
    const id = part.slice(0, at);
    const key = Buffer.from(part.slice(at + 1), 'base64');
    if (at < 1 || !KEY_ID.test(id)) throw new Error(`key id "${id}" must be 1-32 letters, digits, _ or -`);
    if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes in base64 (got ${key.length})`);
    if (keys.has(id)) throw new Error(`key id "${id}" is listed twice`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new Error('no key given');
  return keys;
}

export function keyring(keys: ReadonlyMap<string, Buffer>, hmacKey: Buffer): PiiKeyring {
  if (hmacKey.length < 32) throw new Error('the HMAC key must be at least 32 bytes');
  return { currentKeyId: [...keys.keys()][0]!, keys, hmacKey };
}

/**
 * Encrypts with the current key. `context` (tenant and column) is bound as associated data,
 * so a value copied to another tenant's row or another column no longer decrypts.
 */
export function seal(ring: PiiKeyring, plaintext: string, context: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.keys.get(ring.currentKeyId)!, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { ciphertext: Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64'), keyId: ring.currentKeyId };
}

export function open(ring: PiiKeyring, sealed: Sealed, context: string): string {
  const key = ring.keys.get(sealed.keyId);
  if (!key) throw new Error(`personal data encrypted with key "${sealed.keyId}", which is not configured (PII_KEYS)`);
  const raw = Buffer.from(sealed.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
}

/** The equality hash of a value within one tenant: equal values of two tenants hash apart. */
export const keyedHash = (ring: PiiKeyring, tenantId: string, value: string) =>
  createHmac('sha256', ring.hmacKey).update(`${tenantId}\u0000${value}`).digest('base64url');
