import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '#src/logger.js';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { SEND_METHODS } from '#src/sandbox/fake-telegram/server.js';
import type { StoreRecord } from '#src/services/stores.js';
import {
  ADMIN,
  FAST_HTTP,
  MANAGER,
  addManager,
  greetAdmin,
  startTestBed,
  type TestBed,
} from '#test/harness/app.js';

let bed: TestBed;
let prom: FakeProm;
let store: StoreRecord;
/** what the app logged at warn and above */
const warnings: { msg: string; chat?: number }[] = [];
const warnSink = new Writable({
  write(chunk, _encoding, done) {
    warnings.push(JSON.parse(String(chunk)) as { msg: string; chat?: number });
    done();
  },
});

beforeAll(async () => {
  prom = await startFakeProm({ seed: 151 });
  bed = await startTestBed(import.meta.filename, {
    env: { PROM_API_URL: prom.url },
    services: { httpOptions: FAST_HTTP },
    logger: createLogger('warn', {}, warnSink),
  });
  await addManager(bed);
  await greetAdmin(bed);
  store = await bed.app.services.stores.create({
    name: 'Заблокований',
    credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
  });
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
});

async function outboxDrained(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await bed.app.models.outbox.countDocuments({ pending: true })) > 0) {
    if (Date.now() > deadline) throw new Error('the outbox did not drain in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** a new order on the marketplace, polled and delivered; its number as cards show it */
async function newOrderDelivered(): Promise<string> {
  const [added] = prom.addOrders(1, { status: 'pending' });
  await bed.app.services.orderSync.pollStore(store._id);
  await outboxDrained();
  const order = await bed.app.models.orders
    .findOne({ storeId: store._id, marketplaceOrderId: String(added?.id) })
    .lean();
  return `№${order?.number}`;
}

const cardsOf = (chatId: number, number: string) =>
  bed.telegram.botMessages(chatId).filter((m) => m.text.includes(number)).length;

/** every call the bot made that aimed at something in the manager's chat */
const callsToManager = () =>
  bed.telegram.calls.filter((call) => call.chatId === MANAGER.id && SEND_METHODS.has(call.method)).length;

describe('O1 delivery to a chat that blocked the bot', { timeout: 60_000 }, () => {
  it('tries a blocked chat once, skips it after, and delivers again once the user writes', async () => {
    const before = await newOrderDelivered();
    expect(cardsOf(MANAGER.id, before)).toBe(1);

    bed.telegram.blockChat(MANAGER.id);
    const callsBefore = callsToManager();
    const first = await newOrderDelivered();
    expect(cardsOf(ADMIN.id, first)).toBe(1);
    // one attempt, refused with 403: the chat is marked, the entry settled, not retried
    expect(callsToManager() - callsBefore).toBe(1);
    expect(await bed.app.models.blockedChats.countDocuments({ chatId: MANAGER.id })).toBe(1);
    const blockedLines = warnings.filter((line) => /blocked the bot/.test(line.msg));
    expect(blockedLines.map((line) => line.chat)).toEqual([MANAGER.id]);

    const second = await newOrderDelivered();
    expect(cardsOf(ADMIN.id, second)).toBe(1);
    expect(callsToManager() - callsBefore).toBe(1);
    expect(warnings.filter((line) => /blocked the bot/.test(line.msg))).toHaveLength(1);
    const skipped = await bed.app.models.outbox.find({ chatId: MANAGER.id, pending: false }).lean();
    expect(skipped.filter((entry) => entry.lastError?.includes('blocked')).length).toBe(2);

    // the admin's /status says how many team chats are out of reach
    bed.telegram.sendText(ADMIN, '/status');
    await bed.telegram.waitFor(() =>
      bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes('заблокували бота: 1')),
    );

    // the manager unblocks the bot and presses Start
    bed.telegram.unblockChat(MANAGER.id);
    const repliesBefore = bed.telegram.botMessages(MANAGER.id).length;
    bed.telegram.sendText(MANAGER, '/start');
    await bed.telegram.waitFor(() => bed.telegram.botMessages(MANAGER.id).length > repliesBefore);
    // the chat was unmarked before the bot answered
    expect(await bed.app.models.blockedChats.countDocuments()).toBe(0);

    const after = await newOrderDelivered();
    expect(cardsOf(MANAGER.id, after)).toBe(1);
    expect(cardsOf(ADMIN.id, after)).toBe(1);

    expect(JSON.stringify(warnings)).not.toContain(MANAGER.first_name);
    // nobody was shown the generic "something went wrong"
    const everything = [...bed.telegram.botMessages(ADMIN.id), ...bed.telegram.botMessages(MANAGER.id)];
    expect(everything.filter((m) => /Щось пішло не так|Something went wrong/.test(m.text))).toEqual([]);
    expect(bed.telegram.callbackAnswers.filter((a) => /Щось пішло не так/.test(a.text ?? ''))).toEqual([]);
  });
});

describe('J4 daily summary to an admin who blocked the bot', { timeout: 60_000 }, () => {
  it('is tried once, then skipped on the following days without a request', async () => {
    await outboxDrained();
    bed.telegram.blockChat(ADMIN.id);
    // the outbox is idle: every send from now on is the summary's
    const sends = () =>
      bed.telegram.calls.filter((call) => call.method === 'sendDocument' || call.method === 'sendMessage')
        .length;
    const before = sends();
    const today = new Date();
    expect(await bed.app.runDailySummary(today)).toEqual([ADMIN.id]);
    await outboxDrained();
    expect(sends() - before).toBe(1);
    expect(await bed.app.models.blockedChats.countDocuments({ chatId: ADMIN.id })).toBe(1);

    const tomorrow = new Date(today.getTime() + 24 * 3600_000);
    expect(await bed.app.runDailySummary(tomorrow)).toEqual([]);
    expect(sends() - before).toBe(1);
    expect(
      warnings.filter((line) => line.chat === ADMIN.id && /blocked the bot/.test(line.msg)),
    ).toHaveLength(1);
  });
});

describe('J5 a card Telegram refuses for good', { timeout: 60_000 }, () => {
  it('is dead-lettered once, not retried, and counted in /status', async () => {
    bed.telegram.unblockChat(ADMIN.id);
    await outboxDrained();
    const refused = () => bed.telegram.faults.served.http400 ?? 0;
    const refusedBefore = refused();
    bed.telegram.faults.failNext({ kind: 'http400', pathIncludes: 'sendMessage' });
    await newOrderDelivered();
    expect(refused() - refusedBefore).toBe(1);
    const dead = await bed.app.models.outbox.find({ dead: true }).lean();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ pending: false });

    bed.telegram.sendText(ADMIN, '/status');
    await bed.telegram.waitFor(() =>
      bed.telegram
        .botMessages(ADMIN.id)
        .find((m) => m.text.includes('не вдалося доставити після всіх спроб')),
    );
  });
});
