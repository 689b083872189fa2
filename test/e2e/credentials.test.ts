import { createCipheriv, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { startFakeRozetka, type FakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import { keyIdOf } from '#src/services/secrets.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, greetAdmin, startTestBed, type TestBed } from '#test/harness/app.js';
import { chatDriver, connectThroughChat } from '#test/harness/chat.js';
import { tallyBadInputs } from '#test/harness/bad-input-tally.js';

const OLD_TOKEN = 'prom-old-token-1c9e44d2a7';
const NEW_TOKEN = 'prom-new-token-8b7f30e6d5';
const ROZETKA_LOGIN = 'rotation-seller';
const ROZETKA_PASSWORD = 'Rz-Pass-Never-Shown-4821';
/** ENCRYPTION_KEYS of this bed: the newest first, the one before it still configured */
const NEWEST_KEY = randomBytes(32);
const PREVIOUS_KEY = randomBytes(32);
const DROPPED_KEY = randomBytes(32);

let bed: TestBed;
let prom: FakeProm;
let rozetka: FakeRozetka;

beforeAll(async () => {
  prom = await startFakeProm({ seed: 81, tokens: [OLD_TOKEN, NEW_TOKEN] });
  rozetka = await startFakeRozetka({
    seed: 82,
    seller: { username: ROZETKA_LOGIN, password: ROZETKA_PASSWORD },
  });
  bed = await startTestBed(import.meta.filename, {
    env: {
      PROM_API_URL: prom.url,
      ROZETKA_API_URL: rozetka.url,
      ENCRYPTION_KEYS: `${NEWEST_KEY.toString('base64')}, ${PREVIOUS_KEY.toString('base64')}`,
    },
  });
  await greetAdmin(bed);
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
  await rozetka?.close();
});

const admin = chatDriver(() => bed.telegram, ADMIN);
const storeNamed = async (name: string) =>
  (await bed.app.models.stores.findOne({ name }).lean()) as StoreRecord;

async function connect(marketplace: RegExp, name: string, answers: [RegExp, string | RegExp][]) {
  await connectThroughChat(admin, marketplace, name, answers);
  return storeNamed(name);
}

/** /stores → the store → "Replace credentials" */
async function openReplace(name: string) {
  admin.say('/stores');
  const list = await admin.waitForText(/Ваші магазини/);
  await admin.tap(list, new RegExp(name));
  await bed.telegram.waitFor(() => list.text.includes('Ключ доступу'), 8000);
  await admin.tap(list, /Замінити облікові дані/);
  return list;
}

/** the format of earlier versions: one key, no key id, no associated data */
function legacySeal(key: Buffer, plaintext: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
    .join(':');
}

describe('S1 replace credentials', () => {
  it('checks the new token against Prom, keeps the store id, mappings and watermark, and polls with it', async () => {
    const store = await connect(/Prom/, 'Заміна Prom', [[/API-токен Prom/, OLD_TOKEN]]);
    prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(store._id);
    await bed.app.models.storeMappings.create({
      storeId: String(store._id),
      kind: 'status',
      code: 'pending',
      target: 'new',
    });
    const before = await storeNamed('Заміна Prom');
    expect(before.orderWatermark).toBeTruthy();

    await openReplace('Заміна Prom');
    await admin.waitForText(/Замінюємо облікові дані/);
    await admin.waitForText(/API-токен Prom/);
    admin.say('not-a-valid-token-000000');
    await admin.waitForText(/не прийняв ці дані/);
    expect((await storeNamed('Заміна Prom')).sealedCredentials).toBe(before.sealedCredentials);
    admin.say(NEW_TOKEN);
    await admin.waitForText(/Нові облікові дані магазину «Заміна Prom» перевірено/);

    const after = await storeNamed('Заміна Prom');
    expect(String(after._id)).toBe(String(before._id));
    expect(after.orderWatermark).toEqual(before.orderWatermark);
    expect(after.credentialsHint).toBe(`…${NEW_TOKEN.slice(-4)}`);
    expect(await bed.app.models.storeMappings.countDocuments({ storeId: String(store._id) })).toBe(1);
    expect(await bed.app.models.stores.countDocuments({ name: 'Заміна Prom' })).toBe(1);
    // the old token stops working at Prom: the store polls on with the new one, no order is new again
    prom.tokens.delete(OLD_TOKEN);
    const ordersBefore = await bed.app.models.orders.countDocuments({ storeId: store._id });
    await expect(bed.app.services.orderSync.pollStore(store._id)).resolves.toMatchObject({ created: 0 });
    expect(await bed.app.models.orders.countDocuments({ storeId: store._id })).toBe(ordersBefore);
    expect(
      bed.telegram
        .botMessages(ADMIN.id)
        .map((m) => m.text)
        .join('\n'),
    ).not.toContain(NEW_TOKEN);
  }, 30_000);

  it('shows a Rozetka store by its login, never by a fragment of its password', async () => {
    const store = await connect(/Rozetka/, 'Заміна Rozetka', [
      [/Як бот входитиме в Rozetka/, /Логін і пароль/],
      [/логін продавця Rozetka/, ROZETKA_LOGIN],
      [/пароль від кабінету/, ROZETKA_PASSWORD],
    ]);
    expect(store.credentialsHint).toBe(ROZETKA_LOGIN);
    const list = await openReplace('Заміна Rozetka');
    expect(list.text).toContain(ROZETKA_LOGIN);
    await admin.tap(await admin.waitForText(/Як бот входитиме в Rozetka/), /Логін і пароль/);
    await admin.waitForText(/логін продавця Rozetka/);
    admin.say(ROZETKA_LOGIN);
    await admin.waitForText(/пароль від кабінету/);
    admin.say(ROZETKA_PASSWORD);
    await admin.waitForText(/Нові облікові дані магазину «Заміна Rozetka» перевірено/);
    const fragments = Array.from({ length: ROZETKA_PASSWORD.length - 3 }, (_, i) =>
      ROZETKA_PASSWORD.slice(i, i + 4),
    );
    const shown = [
      JSON.stringify(await bed.app.models.stores.find().lean()),
      ...bed.telegram.botMessages(ADMIN.id).map((m) => m.text),
    ];
    expect(shown.filter((text) => fragments.some((fragment) => text.includes(fragment)))).toEqual([]);
  }, 30_000);
});

describe('S1 encryption keys rotate', () => {
  it('opens credentials sealed in the old format by an older key and seals them again with the newest, bound to the store', async () => {
    const store = await bed.app.services.stores.create({
      name: 'Старий ключ',
      credentials: { marketplace: 'prom', token: OLD_TOKEN },
    });
    prom.tokens.add(OLD_TOKEN);
    const legacy = legacySeal(PREVIOUS_KEY, JSON.stringify({ marketplace: 'prom', token: OLD_TOKEN }));
    await bed.app.models.stores.updateOne({ _id: store._id }, { $set: { sealedCredentials: legacy } });

    await expect(bed.app.services.orderSync.pollStore(store._id)).resolves.toBeTruthy();
    // sealed again in the background, right after the read
    let resealed = await storeNamed('Старий ключ');
    for (let i = 0; i < 100 && !resealed.sealedCredentials.startsWith(`v2:${keyIdOf(NEWEST_KEY)}:`); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      resealed = await storeNamed('Старий ключ');
    }
    expect(resealed.sealedCredentials.startsWith(`v2:${keyIdOf(NEWEST_KEY)}:`)).toBe(true);
    expect(resealed.sealedCredentials).not.toContain(OLD_TOKEN);
    // bound to its store: the same value put on another store does not open there
    const other = await bed.app.services.stores.create({
      name: 'Чужий шифр',
      credentials: { marketplace: 'prom', token: NEW_TOKEN },
    });
    await bed.app.models.stores.updateOne(
      { _id: other._id },
      { $set: { sealedCredentials: resealed.sealedCredentials } },
    );
    await expect(bed.app.services.orderSync.pollStore(other._id)).rejects.toThrow(/cannot be decrypted/);
  });

  it('a store whose key is gone is paused with one plain alert, not an endless poll error', async () => {
    const store = await bed.app.services.stores.create({
      name: 'Загублений ключ',
      credentials: { marketplace: 'prom', token: NEW_TOKEN },
    });
    const sealedWithDropped = legacySeal(
      DROPPED_KEY,
      JSON.stringify({ marketplace: 'prom', token: NEW_TOKEN }),
    );
    await bed.app.models.stores.updateOne(
      { _id: store._id },
      { $set: { sealedCredentials: sealedWithDropped } },
    );
    const tries = 3;
    for (let i = 0; i < tries; i++)
      await bed.app.services.orderSync.pollStore(store._id).catch(() => undefined);
    const alert = await admin.waitForText(/Загублений ключ.*не вдається розшифрувати налаштованими ключами/s);
    expect(alert.text).not.toMatch(/Error|decipher|auth tag/i);
    expect((await storeNamed('Загублений ключ')).status).toBe('paused');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const alerts = bed.telegram
      .botMessages(ADMIN.id)
      .filter((m) => /Загублений ключ.*розшифрувати/s.test(m.text));
    expect(alerts).toHaveLength(1);
    tallyBadInputs({
      input: 'credentials sealed with a key that is not configured, polled repeatedly',
      tried: tries,
      leaked: 0,
      changed: alerts.length - 1,
    });
  });
});
