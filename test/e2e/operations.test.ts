import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { CHECK_STORE_HEALTH, SEND_QUIET_DIGESTS } from '#src/jobs/operations.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, startTestBed, type TestBed, MANAGER, addManager } from '#test/harness/app.js';
import { ask, tap } from '#test/harness/chat.js';

let bed: TestBed;
let prom: FakeProm;
let mainStore: StoreRecord;

const good = { marketplace: 'prom' as const, token: FAKE_PROM_TOKEN };

beforeAll(async () => {
  prom = await startFakeProm({ seed: 31 });
  bed = await startTestBed(import.meta.filename, { env: { PROM_API_URL: prom.url } });
  await addManager(bed);
  await ask(bed.telegram, ADMIN, '/start', /Вітаю/);
  // a long interval: this store must not turn stale while the tests run
  mainStore = await bed.app.services.stores.create({
    name: 'Туристичний Prom',
    credentials: good,
    pollIntervalSeconds: 1800,
  });
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const alertsIn = (chatId: number, pattern: RegExp) =>
  bed.telegram.botMessages(chatId).filter((m) => pattern.test(m.text));

describe('J3 health alerts', () => {
  it('alerts once for a store without a good sync for 10 intervals, then announces the recovery once', async () => {
    const store = await bed.app.services.stores.create({
      name: 'Сонний магазин',
      credentials: good,
      pollIntervalSeconds: 15,
    });
    prom.overrideNext('/orders/list', { status: 404, json: { error: 'Shop is temporarily closed' } });
    await expect(bed.app.services.orderSync.pollStore(store._id)).rejects.toThrow();

    const later = new Date(Date.now() + 10 * 15_000 + 5_000);
    expect(await bed.app.services.health.checkStaleStores(new Date(Date.now() + 60_000))).toBe(0);
    expect(await bed.app.services.health.checkStaleStores(later)).toBe(1);
    expect(await bed.app.services.health.checkStaleStores(new Date(later.getTime() + 60_000))).toBe(0);
    const alert = await bed.telegram.waitFor(() => alertsIn(ADMIN.id, /⏳ Сонний магазин/)[0]);
    expect(alert.text).toContain('давно не було вдалої синхронізації');
    // L1: the error's kind in the admin's language; the marketplace's words stay in the log
    expect(alert.text).toContain('Остання помилка: маркетплейс відповів «не знайдено» (404)');
    expect(alert.text).not.toMatch(/marketplace|HTTP/);
    await pause(400);
    expect(alertsIn(ADMIN.id, /⏳ Сонний магазин/)).toHaveLength(1);
    expect(alertsIn(MANAGER.id, /Сонний магазин/)).toHaveLength(0);

    await bed.app.services.orderSync.pollStore(store._id);
    await bed.app.services.orderSync.pollStore(store._id);
    await bed.telegram.waitFor(() => alertsIn(ADMIN.id, /✅ Сонний магазин: синхронізація знову працює/)[0]);
    await pause(400);
    expect(alertsIn(ADMIN.id, /знову працює/)).toHaveLength(1);
    expect(await bed.app.models.storeAlerts.countDocuments({ storeId: store._id, resolvedAt: null })).toBe(0);
  });

  it('pauses a store whose credentials are refused and alerts the admins exactly once', async () => {
    const store = await bed.app.services.stores.create({
      name: 'Старий токен',
      credentials: { marketplace: 'prom', token: 'revoked-token' },
    });
    await expect(bed.app.services.orderSync.pollStore(store._id)).rejects.toThrow();
    expect((await bed.app.services.stores.get(store._id))?.status).toBe('paused');
    // the admin resumes it without fixing anything: it fails and pauses again, still one alert
    await bed.app.models.stores.updateOne({ _id: store._id }, { $set: { status: 'active' } });
    await expect(bed.app.services.orderSync.pollStore(store._id)).rejects.toThrow();
    expect(await bed.app.services.orderSync.pollStore(store._id)).toBeNull();

    const alert = await bed.telegram.waitFor(() => alertsIn(ADMIN.id, /🔑 Старий токен/)[0]);
    expect(alert.text).toContain('поставлено на паузу');
    expect(alert.text).not.toMatch(/marketplace|HTTP|Access denied/);
    await pause(400);
    expect(alertsIn(ADMIN.id, /🔑 Старий токен/)).toHaveLength(1);
    expect(alertsIn(MANAGER.id, /Старий токен/)).toHaveLength(0);
    expect(
      await bed.app.models.outbox.countDocuments({ kind: 'alert', key: new RegExp(String(store._id)) }),
    ).toBe(1);

    // the alert's own button opens /status
    const before = bed.telegram.botMessages(ADMIN.id).length;
    await tap(bed.telegram, ADMIN, alert, /Стан магазинів/);
    const status = await bed.telegram.waitFor(() =>
      bed.telegram
        .botMessages(ADMIN.id)
        .slice(before)
        .find((m) => m.text.startsWith('Стан магазинів')),
    );
    expect(status.text).toMatch(/Старий токен \(Prom\) — на паузі/);
    expect(status.text).toContain('Маркетплейс не приймає облікові дані');
    const answer = await tap(bed.telegram, ADMIN, status, /Синхронізувати: Старий токен/);
    expect(answer).toContain('на паузі');
  });

  it('sends alerts to a group only where the admin switched alerts on', async () => {
    const GROUP = -100900;
    const store = await bed.app.services.stores.create({
      name: 'Тривоги в групі',
      credentials: { marketplace: 'prom', token: 'revoked-token' },
    });
    const storeId = String(store._id);
    await bed.app.services.destinations.register(storeId, { chatId: GROUP, threadId: 0, title: 'Shop team' });
    expect((await bed.app.services.destinations.load(storeId))?.destinations[1]?.events).not.toContain(
      'alert',
    );
    await bed.app.services.destinations.toggleEvent(storeId, { chatId: GROUP, threadId: 0 }, 'alert');
    await expect(bed.app.services.orderSync.pollStore(store._id)).rejects.toThrow();
    await bed.telegram.waitFor(() => alertsIn(GROUP, /🔑 Тривоги в групі/)[0]);
    await bed.telegram.waitFor(() => alertsIn(ADMIN.id, /🔑 Тривоги в групі/)[0]);
    expect(alertsIn(MANAGER.id, /Тривоги в групі/)).toHaveLength(0);
  });
});

describe('J1 operation log and /status, J2 Sync now', () => {
  it('records every sync with time, result, counts and error', async () => {
    prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(mainStore._id);
    const ok = await bed.app.models.operationLog
      .findOne({ storeId: mainStore._id, ok: true })
      .sort({ at: -1 })
      .lean();
    expect(ok).toMatchObject({ kind: 'orders', error: null });
    expect(ok?.at).toBeInstanceOf(Date);
    expect(ok?.fetched).toBeGreaterThan(0);
    expect(ok?.created).toBeGreaterThan(0);

    prom.overrideNext('/orders/list', { status: 404, json: { error: 'Shop is temporarily closed' } });
    await expect(bed.app.services.orderSync.pollStore(mainStore._id)).rejects.toThrow();
    const failed = await bed.app.models.operationLog.findOne({ storeId: mainStore._id, ok: false }).lean();
    expect(failed?.error).toContain('404');
  });

  it('a quiet poll adds no row and moves the store health fields once per two intervals; a failing poll adds one', async () => {
    const store = await bed.app.services.stores.create({
      name: 'Тихий магазин',
      credentials: good,
      pollIntervalSeconds: 1800,
    });
    // the first polls take in what the fake already holds
    await bed.app.services.orderSync.pollStore(store._id);
    await bed.app.services.buyerMessages.pollStore(store._id);
    const rows = () => bed.app.models.operationLog.countDocuments({ storeId: store._id });
    const before = await rows();
    const health = async () => (await bed.app.services.stores.get(store._id))?.lastSyncOkAt?.getTime();
    const markedAt = await health();
    for (let poll = 0; poll < 5; poll++) {
      expect(await bed.app.services.orderSync.pollStore(store._id)).toMatchObject({ created: 0, updated: 0 });
      expect(await bed.app.services.buyerMessages.pollStore(store._id)).toMatchObject({ created: 0 });
    }
    // within two intervals (an hour here) a quiet poll writes nothing at all
    expect(await health()).toBe(markedAt);
    expect(await rows()).toBe(before);
    // and reads nothing but its store: no order it saw a moment ago, no team to send to
    const commands: string[] = [];
    const client = bed.app.models.stores.db.getClient();
    // what names this store: the scheduler's and the sender's own reads go on meanwhile
    const record = (event: { commandName: string; command: Record<string, unknown> }) => {
      if (JSON.stringify(event.command).includes(String(store._id)))
        commands.push(`${event.commandName}:${String(event.command[event.commandName])}`);
    };
    client.on('commandStarted', record);
    await bed.app.services.orderSync.pollStore(store._id);
    // a read started and not waited for counts too
    await new Promise((resolve) => setTimeout(resolve, 300));
    client.off('commandStarted', record);
    expect(commands).toEqual(['find:stores']);
    const twoIntervalsAgo = new Date(Date.now() - 2 * 1800_000);
    await bed.app.models.stores.updateOne(
      { _id: store._id },
      { $set: { lastSyncAt: twoIntervalsAgo, lastSyncOkAt: twoIntervalsAgo } },
    );
    const polledAt = Date.now();
    await bed.app.services.orderSync.pollStore(store._id);
    expect(await health()).toBeGreaterThanOrEqual(polledAt);
    expect(await rows()).toBe(before);

    prom.overrideNext('/orders/list', { status: 404, json: { error: 'Shop is temporarily closed' } });
    await expect(bed.app.services.orderSync.pollStore(store._id)).rejects.toThrow();
    expect(await rows()).toBe(before + 1);
    await bed.app.models.stores.updateOne({ _id: store._id }, { $set: { status: 'paused' } });
  });

  it("L1 /status names a malformed answer in the admin's language; the detail stays in the log", async () => {
    const store = await bed.app.services.stores.create({
      name: 'Кривий магазин',
      credentials: good,
      pollIntervalSeconds: 1800,
    });
    prom.overrideNext('/orders/list', { json: { orders: 'not a list' } });
    await expect(bed.app.services.orderSync.pollStore(store._id)).rejects.toThrow();
    const logged = await bed.app.models.operationLog.findOne({ storeId: store._id, ok: false }).lean();
    expect(logged).toMatchObject({ errorKind: 'bad_response', error: expect.stringContaining('shape') });
    const blockOf = (text: string) =>
      text.split('\n\n').find((part) => part.startsWith('Кривий магазин')) ?? '';

    const uk = await ask(bed.telegram, ADMIN, '/status', /Стан магазинів/);
    expect(blockOf(uk.text)).toContain('маркетплейс надіслав відповідь, яку не вдалося прочитати');
    expect(uk.text).not.toMatch(/unexpected shape|marketplace/);
    await bed.app.models.users.updateOne({ telegramId: ADMIN.id }, { $set: { locale: 'en' } });
    try {
      const en = await ask(bed.telegram, ADMIN, '/status', /Store status/);
      expect(blockOf(en.text)).toContain('the marketplace sent an answer that could not be read');
      expect(en.text).not.toContain('unexpected shape');
    } finally {
      await bed.app.models.users.updateOne({ telegramId: ADMIN.id }, { $set: { locale: null } });
    }
    // out of the background polls the next tests start: they count the fake's calls
    await bed.app.models.stores.updateOne({ _id: store._id }, { $set: { status: 'paused' } });
  });

  it('/status shows the last good sync, the last error and the next run; Sync now polls at once', async () => {
    bed.app.startPolling();
    const status = await ask(bed.telegram, ADMIN, '/status', /Стан магазинів/);
    const block = () =>
      status.text.split('\n\n').find((part) => part.startsWith('Туристичний Prom (Prom)')) ?? '';
    expect(block()).toMatch(/Остання вдала синхронізація: \d\d\.\d\d\.\d{4} \d\d:\d\d/);
    expect(block()).toMatch(/Наступний запуск: \d\d\.\d\d\.\d{4} \d\d:\d\d/);
    // failing now, or already fixed by the scheduled poll: the error stays visible either way
    expect(block()).toMatch(/(Остання помилка|Зараз не синхронізується): .* «не знайдено» \(404\)/);

    const order = prom.addOrder({ status: 'pending' });
    const listCalls = () => prom.calls.filter((c) => c.path === '/orders/list').length;
    const before = listCalls();
    const chatBefore = bed.telegram.botMessages(ADMIN.id).length;
    await tap(bed.telegram, ADMIN, status, /Синхронізувати: Туристичний Prom/);
    const done = await bed.telegram.waitFor(
      () =>
        bed.telegram
          .botMessages(ADMIN.id)
          .slice(chatBefore)
          .find((m) => m.text.includes('✅ Туристичний Prom: отримано')),
      8000,
    );
    // the scheduled poll may have picked the order up a moment earlier; it is stored either way
    expect(done.text).toMatch(/нових \d/);
    expect(listCalls()).toBeGreaterThan(before);
    expect(await bed.app.models.orders.exists({ marketplaceOrderId: String(order.id) })).not.toBeNull();
    await bed.telegram.waitFor(() => status.edits > 0);
    expect(block()).toMatch(/Остання помилка: .* «не знайдено» \(404\)/);
    expect(block()).not.toContain('Зараз не синхронізується');
  });

  it('runs the health check and the digest as jobs on Agenda', async () => {
    const jobs = bed.app.connection.db?.collection('jobs');
    for (const name of [CHECK_STORE_HEALTH, SEND_QUIET_DIGESTS])
      expect(await jobs?.findOne({ name, type: 'single' }), name).toMatchObject({
        repeatInterval: '1 minute',
      });
  });

  it('refuses /status and Sync now to a manager', async () => {
    // only a tap may call Prom here: the other tests' stores stop polling in the background
    await bed.app.models.stores.updateMany({ _id: { $ne: mainStore._id } }, { $set: { status: 'paused' } });
    await ask(bed.telegram, MANAGER, '/status', /лише адміністратор/);
    const menu = bed.telegram.botMessages(MANAGER.id).at(-1);
    if (!menu) throw new Error('no message');
    // Sync now reads the order list; the buyer-message polls go on in the background
    const orderCalls = () => prom.calls.filter((call) => call.path.startsWith('/orders')).length;
    // a poll that began before the pause still finishes: wait until the order calls stop
    let calls = orderCalls();
    for (;;) {
      await pause(1500);
      if (orderCalls() === calls) break;
      calls = orderCalls();
    }
    expect(await tap(bed.telegram, MANAGER, menu, `sn:${String(mainStore._id)}`)).toMatch(
      /лише адміністратор/,
    );
    expect(orderCalls()).toBe(calls);
  });
});

describe('L1 the admin console in English', () => {
  it('answers an English-speaking admin in English', async () => {
    await bed.app.models.users.updateOne({ telegramId: ADMIN.id }, { $set: { locale: 'en' } });
    try {
      const status = await ask(bed.telegram, ADMIN, '/status', /Store status/);
      expect(status.text).toMatch(/Last good sync: \d\d \w+ \d{4}, \d\d:\d\d/);
      await ask(bed.telegram, ADMIN, '/invite', /Whom are you inviting/);
      await ask(bed.telegram, ADMIN, '/routing', /Routing: choose a store/);
      await ask(bed.telegram, ADMIN, '/users', /Team: \d+/);
      await ask(bed.telegram, ADMIN, '/quiet', /Quiet hours of your chat/);
    } finally {
      await bed.app.models.users.updateOne({ telegramId: ADMIN.id }, { $set: { locale: null } });
    }
  });
});
