import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateData } from '#src/db/migrations.js';
import { createLogger } from '#src/logger.js';
import { startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import type { FakeUser } from '#src/sandbox/fake-telegram/server.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, createPromStore, greetAdmin, startTestBed, type TestBed } from '#test/harness/app.js';
import { ask, hasButton, tap } from '#test/harness/chat.js';
import { tallyBadInputs } from '#test/harness/bad-input-tally.js';

let bed: TestBed;
let prom: FakeProm;
let storeA: StoreRecord;
let storeB: StoreRecord;

const LIMITED: FakeUser = { id: 4001, first_name: 'Марія', language_code: 'uk' };
const FORMER_ADMIN: FakeUser = { id: 4002, first_name: 'Остап', language_code: 'uk' };

beforeAll(async () => {
  prom = await startFakeProm({ seed: 61 });
  bed = await startTestBed(import.meta.filename, { env: { PROM_API_URL: prom.url } });
  await greetAdmin(bed);
  storeA = await createPromStore(bed, 'Магазин А');
  storeB = await createPromStore(bed, 'Магазин Б');
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
});

/** polls both stores and waits until every card is out */
async function pollAndDeliver() {
  await bed.app.services.orderSync.pollStore(storeA._id);
  await bed.app.services.orderSync.pollStore(storeB._id);
  const deadline = Date.now() + 20_000;
  while ((await bed.app.models.outbox.countDocuments({ pending: true })) > 0) {
    if (Date.now() > deadline) throw new Error('cards were not delivered in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const member = (telegramId: number) => bed.app.models.users.findOne({ telegramId }).lean();

describe('S5 store scope: removing a manager’s last store leaves them none', () => {
  it('a manager limited to store A who loses A sees no orders and gets no cards of any store', async () => {
    await bed.app.models.users.create({
      telegramId: LIMITED.id,
      name: 'Марія',
      role: 'manager',
      allStores: true,
    });
    const menu = await ask(bed.telegram, ADMIN, '/users', /Команда:/);
    await tap(bed.telegram, ADMIN, menu, /Марія/);
    await bed.telegram.waitFor(() => hasButton(menu, /Магазини/));
    await tap(bed.telegram, ADMIN, menu, /Магазини/);
    await bed.telegram.waitFor(() => hasButton(menu, /✅ усі магазини/));
    await tap(bed.telegram, ADMIN, menu, /Магазин А/);
    await bed.telegram.waitFor(() => hasButton(menu, /✅ Магазин А/));
    expect(await member(LIMITED.id)).toMatchObject({ allStores: false, storeIds: [String(storeA._id)] });

    prom.addOrder({ status: 'pending' });
    await pollAndDeliver();
    expect(bed.telegram.botMessages(LIMITED.id).filter((m) => m.reply_markup)).toHaveLength(1);

    await tap(bed.telegram, ADMIN, menu, /Магазин А/);
    await bed.telegram.waitFor(() => hasButton(menu, /▫️ Магазин А/));
    expect(await member(LIMITED.id)).toMatchObject({ allStores: false, storeIds: [] });
    await tap(bed.telegram, ADMIN, menu, /Назад/);
    await bed.telegram.waitFor(() => menu.text.includes('жодного магазину'));

    const cardsBefore = bed.telegram.botMessages(LIMITED.id).length;
    const order = prom.addOrder({ status: 'pending' });
    await pollAndDeliver();
    const cardsSeen = bed.telegram.botMessages(LIMITED.id).length - cardsBefore;
    expect(await bed.app.models.orders.countDocuments({ marketplaceOrderId: String(order.id) })).toBe(2);
    const lookup = await ask(bed.telegram, LIMITED, `/order ${order.id}`, /./);
    const list = await ask(bed.telegram, LIMITED, '/orders', /./);
    const shownOrders = [lookup, list].filter(
      (m) => !/Нічого не знайдено|За цими фільтрами замовлень немає/.test(m.text),
    );
    tallyBadInputs({
      input: 'a manager whose last store was removed: new orders of 2 stores, /order, /orders',
      tried: 4,
      leaked: cardsSeen + shownOrders.length,
      changed: 0,
    });
    expect(cardsSeen).toBe(0);
    expect(shownOrders).toEqual([]);
  });
});

describe('S5 two admins changing one scope at once', () => {
  it('keeps both stores when two admins add different stores to a member or an invite at the same moment', async () => {
    const telegramId = 4201;
    await bed.app.models.users.create({ telegramId, name: 'Паралельна', role: 'manager' });
    const { team, invites } = bed.app.services;
    const both = [String(storeA._id), String(storeB._id)].sort();
    await Promise.all([
      team.toggleStore(telegramId, ADMIN.id, String(storeA._id)),
      team.toggleStore(telegramId, ADMIN.id + 1, String(storeB._id)),
    ]);
    expect((await member(telegramId))?.storeIds.toSorted()).toEqual(both);

    const draft = await invites.startDraft(ADMIN.id);
    await Promise.all(both.map((storeId) => invites.toggleStore(String(draft._id), ADMIN.id, storeId)));
    expect((await bed.app.models.invites.findById(draft._id).lean())?.storeIds.toSorted()).toEqual(both);
  });
});

describe('S5 admins from ADMIN_IDS', () => {
  it('an admin taken out of ADMIN_IDS is a manager of no store from their next update', async () => {
    // a record left by an earlier version, when ADMIN_IDS still named them
    await bed.app.models.users.collection.insertOne({
      telegramId: FORMER_ADMIN.id,
      name: 'Остап',
      role: 'admin',
      active: true,
      storeIds: [],
    });
    await migrateData(bed.app.models, {
      adminIds: [ADMIN.id, FORMER_ADMIN.id],
      logger: createLogger('silent'),
    });
    expect(await member(FORMER_ADMIN.id)).toMatchObject({ allStores: true, adminFromEnvironment: true });

    // this app's ADMIN_IDS names only ADMIN
    await ask(bed.telegram, FORMER_ADMIN, '/users', /лише адміністратор/);
    expect(await member(FORMER_ADMIN.id)).toMatchObject({
      role: 'manager',
      active: true,
      allStores: false,
      storeIds: [],
      adminFromEnvironment: false,
    });
    await ask(bed.telegram, FORMER_ADMIN, '/orders', /За цими фільтрами замовлень немає/);
  });

  it('a restart without their id demotes a marked admin at once, before they write again', async () => {
    await bed.app.models.users.create({
      telegramId: 4003,
      name: 'Тихий',
      role: 'admin',
      allStores: true,
      adminFromEnvironment: true,
    });
    await migrateData(bed.app.models, { adminIds: [ADMIN.id], logger: createLogger('silent') });
    expect(await member(4003)).toMatchObject({
      role: 'manager',
      allStores: false,
      adminFromEnvironment: false,
    });
    expect(await member(ADMIN.id)).toMatchObject({ role: 'admin', adminFromEnvironment: true });
  });
});

describe('S5 stored scopes of earlier versions keep their meaning', () => {
  it('an empty list becomes every store, a list stays that list, for members and invites', async () => {
    const users = bed.app.models.users.collection;
    await users.insertMany([
      { telegramId: 4101, name: 'Усі', role: 'manager', active: true, storeIds: [] },
      { telegramId: 4102, name: 'Один', role: 'manager', active: true, storeIds: [String(storeB._id)] },
    ]);
    await bed.app.models.invites.collection.insertOne({
      code: 'legacy-invite',
      state: 'ready',
      role: 'manager',
      storeIds: [],
      createdBy: ADMIN.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    await migrateData(bed.app.models, { adminIds: [ADMIN.id], logger: createLogger('silent') });
    await migrateData(bed.app.models, { adminIds: [ADMIN.id], logger: createLogger('silent') });
    expect(await member(4101)).toMatchObject({ allStores: true, storeIds: [] });
    expect(await member(4102)).toMatchObject({ allStores: false, storeIds: [String(storeB._id)] });
    expect(await bed.app.models.invites.findOne({ code: 'legacy-invite' }).lean()).toMatchObject({
      allStores: true,
    });
  });

  it("a Rozetka password's fragment is dropped, a cabinet token's last 4 characters are kept", async () => {
    const stores = bed.app.models.stores.collection;
    const legacy = { marketplace: 'rozetka', status: 'paused', pollIntervalSeconds: 60 };
    await stores.insertMany([
      { ...legacy, name: 'Старий пароль', credentialsHint: '…word', sealedCredentials: 'v1:a:b:c' },
      { ...legacy, name: 'Токен кабінету', credentialsHint: '…1234', sealedCredentials: 'v2:k:a:b:c' },
    ]);
    await migrateData(bed.app.models, { adminIds: [ADMIN.id], logger: createLogger('silent') });
    const hints = await stores
      .find({ name: { $in: ['Старий пароль', 'Токен кабінету'] } })
      .sort({ name: 1 })
      .toArray();
    expect(hints.map((store) => store.credentialsHint)).toEqual(['', '…1234']);
    await stores.deleteMany({ name: { $in: ['Старий пароль', 'Токен кабінету'] } });
  });
});
