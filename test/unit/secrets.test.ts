import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.js';
import { createKeyring, keyIdOf, SecretUnreadableError } from '#src/services/secrets.js';
import { tallyBadInputs } from '#test/harness/bad-input-tally.js';

const [newest, older, other] = [randomBytes(32), randomBytes(32), randomBytes(32)];
const STORE = '65a1b2c3d4e5f60718293a4b';

function legacySeal(key: Buffer, plaintext: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    ciphertext.toString('base64'),
  ].join(':');
}

describe('S1 sealed credentials', () => {
  const keyring = createKeyring([newest, older]);

  it('seal with the newest key, name it, and open without asking for a new seal', () => {
    const sealed = keyring.seal('token-1', STORE);
    expect(sealed.startsWith(`v2:${keyIdOf(newest)}:`)).toBe(true);
    expect(keyring.open(sealed, STORE)).toEqual({ plaintext: 'token-1', stale: false });
  });

  it('open a value of an older key, and of the format before key ids, as stale', () => {
    const byOlder = createKeyring([older]).seal('token-2', STORE);
    expect(keyring.open(byOlder, STORE)).toEqual({ plaintext: 'token-2', stale: true });
    expect(keyring.open(legacySeal(older, 'token-3'), STORE)).toEqual({ plaintext: 'token-3', stale: true });
  });

  it.each([
    ['another store', (sealed: string) => sealed, 'ffffffffffffffffffffffff'],
    ['a key that is not configured', () => createKeyring([other]).seal('x', STORE), STORE],
    ['an old-format value of a key that is not configured', () => legacySeal(other, 'x'), STORE],
    [
      'a tag cut to 4 bytes',
      (sealed: string) => {
        const parts = sealed.split(':');
        parts[3] = Buffer.from(parts[3] ?? '', 'base64')
          .subarray(0, 4)
          .toString('base64');
        return parts.join(':');
      },
      STORE,
    ],
    [
      'a flipped ciphertext byte',
      (sealed: string) => {
        const parts = sealed.split(':');
        const bytes = Buffer.from(parts[4] ?? '', 'base64');
        bytes[0] = (bytes[0] ?? 0) ^ 1;
        parts[4] = bytes.toString('base64');
        return parts.join(':');
      },
      STORE,
    ],
    ['garbage', () => 'v9:abc', STORE],
  ])('refuse %s', (name, forge, storeId) => {
    const sealed = forge(keyring.seal('token-4', STORE));
    expect(() => keyring.open(sealed, storeId)).toThrow(SecretUnreadableError);
    tallyBadInputs({ input: `sealed credentials: ${name}`, tried: 1, leaked: 0, changed: 0 });
  });
});

describe('Running it — encryption keys from the environment', () => {
  const base = { BOT_TOKEN: '123456789:TEST-token-for-the-fake-telegram-api' };
  const b64 = (key: Buffer) => key.toString('base64');

  it('read ENCRYPTION_KEYS newest first, then the ENCRYPTION_KEY of earlier versions, each once', () => {
    const config = loadConfig({
      ...base,
      ENCRYPTION_KEYS: `${b64(newest)}, ${b64(older)}`,
      ENCRYPTION_KEY: b64(older),
    });
    expect(config.encryptionKeys).toEqual([newest, older]);
    expect(loadConfig({ ...base, ENCRYPTION_KEY: b64(other) }).encryptionKeys).toEqual([other]);
  });

  it('name the key that is not 32 bytes', () => {
    expect(() => loadConfig({ ...base, ENCRYPTION_KEYS: `${b64(newest)},c2hvcnQ=` })).toThrow(
      /ENCRYPTION_KEYS: key 2 must be 32 bytes/,
    );
  });
});
