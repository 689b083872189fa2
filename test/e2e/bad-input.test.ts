import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { definedCallbacks } from '#src/bot/callback-data.js';
import { claimedId } from '#src/marketplaces/malformed.js';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { FakePromState } from '#src/sandbox/fake-prom/state.js';
import type { FakeMessage } from '#src/sandbox/fake-telegram/server.js';
import { createRandom } from '#src/sandbox/random.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, FAST_HTTP, greetAdmin, startTestBed, type TestBed, MANAGER } from '#test/harness/app.js';
import { ask } from '#test/harness/chat.js';
import { looksLikeAStack, mangle, memoryLogger, payloadEdit } from '#test/harness/bad-input.js';
import { tallyBadInputs } from '#test/harness/bad-input-tally.js';

const SEED = 20261123;

let bed: TestBed;
let prom: FakeProm;
let ownStore: StoreRecord;
let otherStore: StoreRecord;
const log = memoryLogger('warn');

beforeAll(async () => {
  prom = await startFakeProm({ seed: 41 });
  bed = await startTestBed(import.meta.filename, {
    env: { PROM_API_URL: prom.url },
    logger: log.logger,
    services: { httpOptions: { ...FAST_HTTP, minIntervalMs: 0 } },
  });
  const store = (name: string) =>
    bed.app.services.stores.create({
      name,
      credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
      pollIntervalSeconds: 1800,
    });
  ownStore = await store('Свій Prom');
  otherStore = await store('Чужий Prom');
  await bed.app.models.users.create({
    telegramId: MANAGER.id,
    name: 'Тарас',
    role: 'manager',
    storeIds: [String(ownStore._id)],
  });
  await greetAdmin(bed);
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
});

/** what a forged tap could change: orders, stores and users, without the sync bookkeeping */
async function snapshot(): Promise<string> {
  const db = bed.app.connection.db;
  const all = async (name: string) =>
    (await db?.collection(name).find().sort({ _id: 1 }).toArray())?.map((doc) =>
      Object.fromEntries(Object.entries(doc).filter(([key]) => !/sync|watermark/i.test(key))),
    );
  return JSON.stringify({
    orders: await all('orders'),
    stores: await all('stores'),
    users: await all('users'),
  });
}

const WRITE_PATHS = /set_status|save_declaration|\/chat\/send|\/messages\/(reply|set_status)|mark/;

describe('What bad input gets: forged callback data', () => {
  it("a manager of one store forging taps on another store's orders changes nothing and calls no marketplace", async () => {
    const own = prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(ownStore._id);
    const card = await bed.telegram.waitFor(
      () =>
        bed.telegram.botMessages(MANAGER.id).find((m) => m.text.includes(String(own.id)) && m.reply_markup),
      8000,
    );
    await bed.app.services.orderSync.pollStore(otherStore._id);
    const foreign = await bed.app.models.orders.findOne({ storeId: otherStore._id }).lean();
    expect(foreign).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 500));

    const foreignId = String(foreign?._id);
    const valueFor = (key: string, variant: number): string => {
      if (/order/i.test(key)) return foreignId;
      if (key === 'telegramId') return String(ADMIN.id);
      if (/store|^id$/i.test(key)) return String(otherStore._id);
      if (key === 'version') return [String(foreign?.version ?? 1), '0'][variant] as string;
      if (/message|draft|invite/i.test(key)) return new Types.ObjectId().toHexString();
      return [
        ['received', 'all', 'import', 's', 'a'],
        ['canceled', '1', 'price', 'p', 'v'],
      ][variant]?.[key.length % 5] as string;
    };
    // language and quiet hours are the manager's own settings, not an attack on anything
    const codecs = definedCallbacks().filter((codec) => !['lang', 'qh'].includes(codec.prefix));
    const forged = codecs.flatMap((codec) =>
      [0, 1].map((variant) =>
        [codec.prefix, ...Object.keys(codec.schema.shape).map((key) => valueFor(key, variant))].join(':'),
      ),
    );
    const junk = fc.sample(
      fc.oneof(fc.string({ minLength: 1, maxLength: 64 }), fc.string({ unit: 'binary' })),
      {
        numRuns: 20,
        seed: SEED,
      },
    );

    const before = await snapshot();
    const promCallsBefore = prom.calls.length;
    const telegramCallsBefore = bed.telegram.calls.length;
    const keyboardBefore = JSON.stringify(card.reply_markup);
    const answers: (string | null)[] = [];
    for (const data of [...forged, ...junk.filter((d) => d.length > 0)]) {
      const click = bed.telegram.clickButton(MANAGER, card as FakeMessage, data);
      const answer = await bed.telegram.waitFor(
        () => bed.telegram.callbackAnswers.find((a) => a.callbackQueryId === click.callback_query?.id),
        8000,
      );
      answers.push(answer.text);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

    const writes = prom.calls
      .slice(promCallsBefore)
      .filter((call) => call.method !== 'GET' || WRITE_PATHS.test(call.path));
    // what the manager was shown: no keyboard or text of the other store's order, their card as it was
    const foreignShown = bed.telegram.calls
      .slice(telegramCallsBefore)
      .filter((call) => call.chatId === MANAGER.id && /^(edit|send)/.test(call.method))
      .filter((call) => JSON.stringify(call.payload).includes(foreignId));
    expect(foreignShown).toEqual([]);
    expect(JSON.stringify(card.reply_markup)).toBe(keyboardBefore);
    const changed = (await snapshot()) === before ? 0 : 1;
    tallyBadInputs({
      input: "forged taps on another store's order (every callback kind, 2 variants each) and junk data",
      tried: forged.length + junk.length,
      leaked: 0,
      changed: writes.length + foreignShown.length + changed,
    });
    expect(writes).toEqual([]);
    expect(changed).toBe(0);
    const shown = [
      ...answers.map((a) => a ?? ''),
      ...bed.telegram.botMessages(MANAGER.id).map((m) => m.text),
    ];
    expect(shown.filter(looksLikeAStack)).toEqual([]);
    await ask(bed.telegram, MANAGER, '/help', /\/orders/);
  }, 60_000);
});

describe('What bad input gets: stale buttons', () => {
  it('a tap on a copy of the card older than the order is answered "this card has changed", redraws it and acts on nothing', async () => {
    const own = prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(ownStore._id);
    const card = await bed.telegram.waitFor(
      () =>
        bed.telegram.botMessages(MANAGER.id).find((m) => m.text.includes(String(own.id)) && m.reply_markup),
      8000,
    );
    const order = await bed.app.models.orders
      .findOne({ storeId: ownStore._id, marketplaceOrderId: String(own.id) })
      .lean();
    if (!order) throw new Error('the order was not stored');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const id = String(order._id);
    const old = order.version;
    // a change is recorded whose redraw has not reached this copy yet
    await bed.app.models.orders.updateOne({ _id: order._id }, { $inc: { version: 1 } });
    const onCard = (card.reply_markup?.inline_keyboard.flat() ?? [])
      .map((b) => ('callback_data' in b ? (b.callback_data as string) : ''))
      .filter((data) => data.includes(`:${id}:${old}`));
    const stale = [
      ...new Set([
        ...onCard,
        `oa:${id}:${old}`,
        `oc:${id}:${old}`,
        `or:${id}:${old}:price_changed`,
        `os:${id}:${old}:received`,
        `ot:${id}:${old}`,
        `oh:${id}:${old}`,
        `on:${id}:${old}:`,
        `sgs:${id}:${old}:abc`,
      ]),
    ];
    const before = await snapshot();
    const promCallsBefore = prom.calls.length;
    const answers: (string | null)[] = [];
    for (const data of stale) {
      const click = bed.telegram.clickButton(MANAGER, card, data);
      const answer = await bed.telegram.waitFor(
        () => bed.telegram.callbackAnswers.find((a) => a.callbackQueryId === click.callback_query?.id),
        8000,
      );
      answers.push(answer.text);
    }
    const writes = prom.calls
      .slice(promCallsBefore)
      .filter((call) => call.method !== 'GET' || WRITE_PATHS.test(call.path));
    const changed = (await snapshot()) === before ? 0 : 1;
    tallyBadInputs({
      input: 'stale taps (card version older than the order) on every action button',
      tried: stale.length,
      leaked: 0,
      changed: writes.length + changed,
    });
    expect(answers.every((text) => /картка змінилася/.test(text ?? ''))).toBe(true);
    expect(writes).toEqual([]);
    expect(changed).toBe(0);
    // the copy now shows the order as it is, with buttons of the current version
    expect(JSON.stringify(card.reply_markup)).toContain(`${id}:${old + 1}`);
    expect(JSON.stringify(card.reply_markup)).not.toContain(`${id}:${old}:`);
  }, 30_000);
});

describe('What bad input gets: a broken Prom order page', () => {
  it('stores every good order of the page and stores or skips (with a logged reason) the broken one', async () => {
    const fixtures = new FakePromState(createRandom(SEED), () => new Date());
    let nextId = 700_000_000;
    const validOrder = () =>
      fixtures.renderOrder(fixtures.addOrder({ id: nextId++ }), 'offset') as unknown as Record<
        string,
        unknown
      >;
    await fc.assert(
      fc.asyncProperty(fc.array(payloadEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const good = [validOrder(), validOrder()];
        const bad = mangle(validOrder(), edits);
        prom.overrideNext('/orders/list', { json: { orders: [good[0], bad, good[1]] } });
        const linesBefore = log.lines.length;
        await expect(bed.app.services.orderSync.pollStore(ownStore._id)).resolves.toBeTruthy();
        const storedIds = (
          await bed.app.models.orders.find({ storeId: ownStore._id }, { marketplaceOrderId: 1 }).lean()
        ).map((o) => o.marketplaceOrderId);
        for (const order of good) expect(storedIds).toContain(String(order.id));
        const badId = claimedId(bad);
        const skipped = log.lines
          .slice(linesBefore)
          .map((line) => JSON.parse(line) as { msg: string; id?: string | null; reason?: string })
          .filter((entry) => entry.msg.startsWith('skipped a malformed'));
        const stored = badId !== null && storedIds.includes(badId);
        expect(
          stored || (skipped.length === 1 && skipped[0]?.id === badId && Boolean(skipped[0].reason)),
        ).toBe(true);
      }),
      { numRuns: 10, seed: SEED },
    );
    await ask(bed.telegram, ADMIN, '/help', /\/orders/);
  }, 45_000);
});
