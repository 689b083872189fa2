import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_ACCEPT_DUE } from '#src/jobs/auto-accept.js';
import type { OrderDoc } from '#src/db/models/order.js';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, greetAdmin, startTestBed, type TestBed } from '#test/harness/app.js';

let bed: TestBed;
let prom: FakeProm;
let store: StoreRecord;
/** the fake shop's clock runs this far behind: its new orders were placed that long ago */
let promClockShiftMs = 0;

beforeAll(async () => {
  prom = await startFakeProm({ seed: 21, now: () => new Date(Date.now() + promClockShiftMs) });
  bed = await startTestBed(import.meta.filename, { env: { PROM_API_URL: prom.url } });
  await greetAdmin(bed);
  store = await bed.app.services.stores.create({
    name: 'Автоматичний Prom',
    credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
    autoAcceptDelayMinutes: 1,
  });
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
});

/** an order placed 90 s ago and changed just now (so a poll's recent reach lists it): its 1-minute countdown has ended */
function addDueOrder() {
  promClockShiftMs = -90_000;
  const order = prom.addOrder({ status: 'pending' });
  promClockShiftMs = 0;
  return prom.updateOrder(order.id, {});
}

const stored = async (marketplaceOrderId: number) =>
  (await bed.app.models.orders.findOne({ marketplaceOrderId: String(marketplaceOrderId) }).lean<OrderDoc>())!;

const setStatusCalls = (id: number) =>
  prom.calls.filter(
    (c) => c.path.endsWith('/orders/set_status') && JSON.stringify(c.body).includes(String(id)),
  ).length;

const cardOf = (id: number) =>
  bed.telegram.waitFor(
    () => bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes(String(id)) && m.reply_markup),
    8000,
  );

describe('O5 auto-accept', () => {
  it('shows the countdown, then the job accepts exactly once and the card says so', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(store._id);
    const card = await cardOf(order.id);
    expect(card.text).toMatch(/Автоприйняття о .* \(через 1 хв\)/);
    expect(card.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain(
      '⏸ Притримати автоприйняття',
    );

    const due = addDueOrder();
    await bed.app.services.orderSync.pollStore(store._id);
    const dueCard = await cardOf(due.id);
    await bed.app.agenda.now(AUTO_ACCEPT_DUE);
    await bed.telegram.waitFor(() => dueCard.text.includes('Прийнято автоматично'), 8000);
    expect(dueCard.text).toMatch(/прийнято автоматично — бот/);
    expect(prom.getOrder(due.id)?.status).toBe('received');
    expect(setStatusCalls(due.id)).toBe(1);
    expect((await stored(due.id)).autoAcceptState).toBe('done');

    // later sweeps, and two at once as from two processes, never accept it again
    await Promise.all([bed.app.services.autoAccept.runDue(), bed.app.services.autoAccept.runDue()]);
    expect(setStatusCalls(due.id)).toBe(1);
    // the order whose countdown is still running was left for later
    expect((await stored(order.id)).autoAcceptState).toBe('scheduled');
    expect(setStatusCalls(order.id)).toBe(0);
  });

  it('re-reads the order first and leaves alone one a manager already accepted on Prom', async () => {
    const order = addDueOrder();
    await bed.app.services.orderSync.pollStore(store._id);
    // at once: the order is due, and the sweep job (every 10 s) re-reads it from Prom
    prom.updateOrder(order.id, { status: 'received' });
    const card = await cardOf(order.id);

    // the sweep job may get there first; either way the outcome is the same
    await bed.app.services.autoAccept.runDue();
    // a sweep holding the order's lease finishes it a moment later
    const deadline = Date.now() + 8000;
    while ((await stored(order.id)).autoAcceptState !== 'none' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(setStatusCalls(order.id)).toBe(0);
    expect((await stored(order.id)).autoAcceptState).toBe('none');
    await bed.telegram.waitFor(() => !card.text.includes('Автоприйняття'), 8000);
    expect(card.text).not.toContain('Прийнято автоматично');
  });

  it('never accepts an order a manager put on hold', async () => {
    const order = addDueOrder();
    await bed.app.services.orderSync.pollStore(store._id);
    const card = await cardOf(order.id);
    const hold = card.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes('Притримати'));
    bed.telegram.clickButton(ADMIN, card, (hold as { callback_data: string }).callback_data);
    await bed.telegram.waitFor(() => card.text.includes('Автоприйняття притримано'), 8000);

    await bed.app.services.autoAccept.runDue();
    expect(setStatusCalls(order.id)).toBe(0);
    expect(prom.getOrder(order.id)?.status).toBe('pending');
  });

  it('waits for the working hours: an order placed after closing is due at the next opening', async () => {
    const closedNow = await bed.app.services.stores.create({
      name: 'Нічна зміна',
      credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
      autoAcceptDelayMinutes: 5,
      // a one-minute window that has just passed, so "now" is outside it
      ...windowEndingMinutesAgo(30),
    });
    const order = prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(closedNow._id);
    const record = await bed.app.models.orders
      .findOne({ storeId: closedNow._id, marketplaceOrderId: String(order.id) })
      .lean<OrderDoc>();
    const waitHours = (record!.autoAcceptAt!.getTime() - Date.now()) / 3_600_000;
    expect(record!.autoAcceptState).toBe('scheduled');
    expect(waitHours).toBeGreaterThan(22);
    expect(waitHours).toBeLessThan(24);
  });
});

/** "HH:MM" window in Kyiv time that closed `minutes` ago, an hour long */
function windowEndingMinutesAgo(minutes: number) {
  const clock = (offsetMinutes: number) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Kyiv',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(Date.now() + offsetMinutes * 60_000));
  return { workingHoursFrom: clock(-minutes - 60), workingHoursTo: clock(-minutes) };
}
