import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import type { FakeMessage } from '#src/sandbox/fake-telegram/server.js';
import { localMinutes } from '#src/services/clock-window.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, createPromStore, startTestBed, type TestBed } from '#test/harness/app.js';
import { ask, hasButton, tap } from '#test/harness/chat.js';

let bed: TestBed;
let prom: FakeProm;
let store: StoreRecord;

const GROUP = -100777;
const FORUM = -100888;
const TOPIC = 42;

beforeAll(async () => {
  prom = await startFakeProm({ seed: 21 });
  bed = await startTestBed(import.meta.filename, { env: { PROM_API_URL: prom.url } });
  await ask(bed.telegram, ADMIN, '/start', /Вітаю/);
  store = await createPromStore(bed, 'Туристичний Prom');
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
});

const cardsIn = (chatId: number, number: number, threadId: number | null = null) =>
  bed.telegram
    .botMessages(chatId)
    .filter(
      (m) =>
        m.text.includes(`№${number}`) && m.reply_markup && (threadId === null || m.thread_id === threadId),
    );

const waitForCard = (chatId: number, number: number, threadId: number | null = null) =>
  bed.telegram.waitFor(() => cardsIn(chatId, number, threadId)[0], 8000);

async function newOrder() {
  const order = prom.addOrder({ status: 'pending' });
  await bed.app.services.orderSync.pollStore(store._id);
  return order;
}

const destinations = async () =>
  (await bed.app.services.destinations.load(String(store._id)))?.destinations ?? [];

/** a quiet window around the present moment, in the bot's time zone */
function windowAroundNow() {
  const timeZone = bed.app.cardContext.timeZone;
  const minute = localMinutes(new Date(), timeZone);
  const at = (m: number) => {
    const wrapped = ((m % 1440) + 1440) % 1440;
    return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
  };
  return { from: at(minute - 60), to: at(minute + 60) };
}

async function openRouting(): Promise<FakeMessage> {
  const menu = await ask(bed.telegram, ADMIN, '/routing', /Маршрутизація/);
  await tap(bed.telegram, ADMIN, menu, /Туристичний Prom/);
  await bed.telegram.waitFor(() => menu.text.includes('Куди надходять події'));
  return menu;
}

describe('S6 routing', () => {
  it('sends to the team privately by default', async () => {
    const order = await newOrder();
    await waitForCard(ADMIN.id, order.id);
  });

  it('/here in a group registers it and the next new order arrives there too', async () => {
    const menu = await ask(bed.telegram, ADMIN, '/here', /Які магазини/, { chatId: GROUP });
    await tap(bed.telegram, ADMIN, menu, /Туристичний Prom/);
    await bed.telegram.waitFor(() => hasButton(menu, /✅ Туристичний Prom/));
    expect((await destinations()).map((d) => [d.chatId, d.threadId ?? 0, d.title])).toEqual([
      [0, 0, ''],
      [GROUP, 0, 'Shop team'],
    ]);
    const order = await newOrder();
    await waitForCard(GROUP, order.id);
    await waitForCard(ADMIN.id, order.id);
  });

  it('/here in a forum topic registers the topic and cards arrive in it', async () => {
    const menu = await ask(bed.telegram, ADMIN, '/here', /Які магазини/, { chatId: FORUM, threadId: TOPIC });
    expect(menu.thread_id).toBe(TOPIC);
    await tap(bed.telegram, ADMIN, menu, /Усі магазини/);
    await bed.telegram.waitFor(() => hasButton(menu, /✅ Туристичний Prom/));
    expect((await destinations()).find((d) => d.chatId === FORUM)?.threadId).toBe(TOPIC);
    const order = await newOrder();
    const card = await waitForCard(FORUM, order.id, TOPIC);
    expect(card.thread_id).toBe(TOPIC);
  });

  it('respects a destination switched off for new orders in /routing', async () => {
    const menu = await openRouting();
    await tap(bed.telegram, ADMIN, menu, /✅ 2 Нові/);
    await bed.telegram.waitFor(() => hasButton(menu, /▫️ 2 Нові/));
    const group = (await destinations()).find((d) => d.chatId === GROUP);
    expect(group?.events).not.toContain('new_order');
    expect(group?.events).toContain('status_change');
    expect(group?.events).not.toContain('alert');

    const order = await newOrder();
    await waitForCard(ADMIN.id, order.id);
    await waitForCard(FORUM, order.id, TOPIC);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cardsIn(GROUP, order.id)).toHaveLength(0);

    // a status change is still on for the group: a changed order that has no card there yet arrives
    prom.updateOrder(order.id, { status: 'received', status_name: 'Прийнято' });
    await bed.app.services.orderSync.pollStore(store._id);
    await waitForCard(GROUP, order.id);
  });

  it('removes a destination from /routing', async () => {
    const menu = await openRouting();
    await tap(bed.telegram, ADMIN, menu, /🗑 3/);
    await bed.telegram.waitFor(() => !hasButton(menu, /🗑 3/));
    expect((await destinations()).map((d) => d.chatId)).toEqual([0, GROUP]);
  });

  it('refuses a forged button for another store and changes nothing', async () => {
    const other = await bed.app.services.stores.create({
      name: 'Інший магазин',
      credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
    });
    const menu = await openRouting();
    const before = JSON.stringify(await destinations());
    // the group is a destination of the first store, not of this one
    for (const data of [
      `rt:${String(other._id)}:${GROUP}:0:n`,
      `rx:${String(other._id)}:${GROUP}:0`,
      `rqs:${String(other._id)}:${GROUP}:0:1`,
      `rx:ffffffffffffffffffffffff:${GROUP}:0`,
    ])
      expect(await tap(bed.telegram, ADMIN, menu, data)).toMatch(/Цього вже немає/);
    expect(JSON.stringify(await destinations())).toBe(before);
    expect((await bed.app.services.destinations.load(String(other._id)))?.destinations).toEqual([]);
  });
});

describe('S7 quiet hours', () => {
  it('sets a destination window from the /routing menu', async () => {
    const menu = await openRouting();
    await tap(bed.telegram, ADMIN, menu, /🌙 2/);
    await bed.telegram.waitFor(() => menu.text.includes('Тихі години для'));
    await tap(bed.telegram, ADMIN, menu, /^22:00–08:00$/);
    await bed.telegram.waitFor(() => menu.text.includes('Тихі години: 22:00–08:00'));
    expect((await destinations()).find((d) => d.chatId === GROUP)).toMatchObject({
      quietFrom: '22:00',
      quietTo: '08:00',
    });
  });

  it('sends silently inside the window and a digest at its end', async () => {
    const window = windowAroundNow();
    await bed.app.services.destinations.setQuietHours(
      String(store._id),
      { chatId: GROUP, threadId: 0 },
      window,
    );
    await bed.app.services.destinations.toggleEvent(
      String(store._id),
      { chatId: GROUP, threadId: 0 },
      'new_order',
    );
    const order = await newOrder();
    const quietCard = await waitForCard(GROUP, order.id);
    expect(quietCard.silent).toBe(true);
    expect((await waitForCard(ADMIN.id, order.id)).silent).toBe(false);
    const sendCall = bed.telegram.calls.find(
      (c) =>
        c.method === 'sendMessage' && c.chatId === GROUP && String(c.payload.text).includes(`№${order.id}`),
    );
    expect(sendCall?.payload.disable_notification).toBe(true);

    const afterWindow = new Date(Date.now() + 62 * 60_000);
    expect(await bed.app.services.quietDigest.sendDue(afterWindow)).toBe(1);
    const digest = await bed.telegram.waitFor(() =>
      bed.telegram.botMessages(GROUP).find((m) => m.text.includes('Поки діяли тихі години')),
    );
    expect(digest.text).toContain(`${window.from}–${window.to}`);
    expect(digest.text).toContain('Туристичний Prom');
    expect(digest.text).toContain(`№${order.id}`);
    expect(digest.silent).toBe(false);
    // a second run (another minute, another instance) sends nothing more
    expect(await bed.app.services.quietDigest.sendDue(new Date(afterWindow.getTime() + 60_000))).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bed.telegram.botMessages(GROUP).filter((m) => m.text.includes('Поки діяли'))).toHaveLength(1);
  });

  it('a member sets quiet hours for their own chat with /quiet; private cards then arrive silently', async () => {
    const menu = await ask(bed.telegram, ADMIN, '/quiet', /Тихі години вашого чату/);
    await tap(bed.telegram, ADMIN, menu, /^23:00–07:00$/);
    await bed.telegram.waitFor(() => menu.text.includes('Тихі години: 23:00–07:00'));
    expect(await bed.app.models.users.findOne({ telegramId: ADMIN.id }).lean()).toMatchObject({
      quietFrom: '23:00',
      quietTo: '07:00',
    });

    await bed.app.services.team.setQuietHours(ADMIN.id, windowAroundNow());
    const order = await newOrder();
    expect((await waitForCard(ADMIN.id, order.id)).silent).toBe(true);
    await bed.app.services.quietDigest.sendDue(new Date(Date.now() + 62 * 60_000));
    const digest = await bed.telegram.waitFor(() =>
      bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes('Поки діяли тихі години')),
    );
    expect(digest.text).toContain(`№${order.id}`);
  });
});
