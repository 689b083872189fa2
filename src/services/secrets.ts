import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for marketplace credentials at rest. A sealed value names the key that sealed it
 * (the first 8 hex digits of the key's SHA-256: enough to pick it, nothing about the key) and is
 * bound to what it belongs to (a store's id) as associated data, so a value copied onto another
 * store does not open. The 16-byte tag is required: a truncated one is refused, not checked short.
 *
 *   v2:<key id>:<iv>:<tag>:<ciphertext>   (base64 parts)
 *   v1:<iv>:<tag>:<ciphertext>            (earlier versions: one key, no associated data)
 */
const CURRENT = 'v2';
const LEGACY = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretUnreadableError extends Error {
  override readonly name = 'SecretUnreadableError';
}

export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

function seal(key: Buffer, plaintext: string, associated: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    CURRENT,
    keyIdOf(key),
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    ciphertext.toString('base64'),
  ].join(':');
}

function open(
  key: Buffer,
  parts: { iv: string; tag: string; ciphertext: string },
  associated: string | null,
) {
  const iv = Buffer.from(parts.iv, 'base64');
  const tag = Buffer.from(parts.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
    throw new SecretUnreadableError('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  if (associated !== null) decipher.setAAD(Buffer.from(associated, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(parts.ciphertext, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

export interface OpenedSecret {
  plaintext: string;
  /** sealed by an older key or in the older format: seal it again with the newest key */
  stale: boolean;
}

/**
 * The configured keys, newest first (ENCRYPTION_KEYS). New values are sealed with the newest;
 * a value opens with whichever key sealed it, and says when it should be sealed again.
 */
export function createKeyring(keys: readonly Buffer[]) {
  const newest = keys[0];
  const byId = new Map(keys.map((key) => [keyIdOf(key), key]));

  return {
    usable: newest !== undefined,

    seal(plaintext: string, associated: string): string {
      if (!newest) throw new SecretUnreadableError('no encryption key is configured');
      return seal(newest, plaintext, associated);
    },

    /** Throws SecretUnreadableError when no configured key opens it. */
    open(sealed: string, associated: string): OpenedSecret {
      const fields = sealed.split(':');
      if (fields[0] === CURRENT && fields.length === 5) {
        const [, keyId = '', iv = '', tag = '', ciphertext = ''] = fields;
        const key = byId.get(keyId);
        if (!key) throw new SecretUnreadableError(`sealed with key ${keyId}, which is not configured`);
        try {
          const plaintext = open(key, { iv, tag, ciphertext }, associated);
          return { plaintext, stale: key !== newest };
        } catch (error) {
          if (error instanceof SecretUnreadableError) throw error;
          throw new SecretUnreadableError(
            'sealed value does not open (tampered, or sealed for something else)',
          );
        }
      }
      if (fields[0] === LEGACY && fields.length === 4) {
        const [, iv = '', tag = '', ciphertext = ''] = fields;
        for (const key of keys) {
          try {
            return { plaintext: open(key, { iv, tag, ciphertext }, null), stale: true };
          } catch {
            // the next key may be the one
          }
        }
        throw new SecretUnreadableError('no configured key opens this value');
      }
      throw new SecretUnreadableError('sealed secret has an unknown format');
    },
  };
}

export type Keyring = ReturnType<typeof createKeyring>;

/** "…1a2b": enough for a person to recognise a token, useless to anyone else. Never for a password. */
export const secretHint = (secret: string) => `…${secret.slice(-4)}`;
