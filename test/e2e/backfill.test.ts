import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '#src/sandbox/fake-telegram/server.js';
import { startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, createPromStore, greetAdmin, startTestBed, type TestBed } from '#test/harness/app.js';

let bed: TestBed;
let prom: FakeProm;
let store: StoreRecord;
let promClockShiftMs = 0;

const MANAGER = { id: 2004, first_name: 'Марко', language_code: 'uk' };
const DAY_MS = 24 * 3_600_000;

beforeAll(async () => {
  prom = await startFakeProm({ seed: 41, now: () => new Date(Date.now() + promClockShiftMs) });
  bed = await startTestBed(import.meta.filename, { env: { PROM_API_URL: prom.url } });
  await bed.app.models.users.create({
    telegramId: MANAGER.id,
    name: 'Марко',
    role: 'manager',
    allStores: true,
  });
  await greetAdmin(bed);
  store = await createPromStore(bed, 'Архівний Prom');
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
});

async function ask(text: string, from = ADMIN): Promise<FakeMessage> {
  const before = bed.telegram.botMessages(from.id).length;
  bed.telegram.sendText(from, text);
  return bed.telegram.waitFor(() => bed.telegram.botMessages(from.id)[before], 8000);
}

function tap(message: FakeMessage, label: RegExp) {
  const button = message.reply_markup?.inline_keyboard.flat().find((b) => label.test(b.text));
  if (!button || !('callback_data' in button)) throw new Error(`no button ${label}`);
  bed.telegram.clickButton(ADMIN, message, button.callback_data as string);
}

async function backfill30Days(): Promise<FakeMessage> {
  const menu = await ask('/backfill');
  tap(menu, /Архівний Prom/);
  await bed.telegram.waitFor(() => menu.text.includes('період'), 8000);
  tap(menu, /^30/);
  await bed.telegram.waitFor(() => menu.text.includes('Імпорт завершено'), 20_000);
  return menu;
}

describe('O6 backfill', () => {
  it('imports a past period without a card flood, updates what exists, and never duplicates', async () => {
    const recent = prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(store._id);
    const recentCard = await bed.telegram.waitFor(
      () => bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes(String(recent.id))),
      8000,
    );
    promClockShiftMs = -20 * DAY_MS;
    prom.addOrders(12, { status: 'delivered' });
    promClockShiftMs = -60 * DAY_MS;
    const tooOld = prom.addOrder({ status: 'delivered' });
    promClockShiftMs = 0;
    prom.updateOrder(recent.id, { status: 'received' });
    const messagesBefore = bed.telegram.botMessages(ADMIN.id).length;

    const progress = await backfill30Days();
    expect(progress.text).toMatch(/нових 12, оновлено 1/);
    expect(await bed.app.models.orders.countDocuments({ storeId: store._id })).toBe(13);
    expect(await bed.app.models.orders.countDocuments({ marketplaceOrderId: String(tooOld.id) })).toBe(0);
    // the only new message is the /backfill menu itself; the carded order was edited in place
    await bed.telegram.waitFor(() => !JSON.stringify(recentCard.reply_markup).includes('Прийняти'), 8000);
    expect(bed.telegram.botMessages(ADMIN.id).length).toBe(messagesBefore + 1);
    expect(bed.telegram.botMessages(MANAGER.id)).toHaveLength(1);

    const again = await backfill30Days();
    expect(again.text).toMatch(/нових 0, оновлено 0/);
    expect(await bed.app.models.orders.countDocuments({ storeId: store._id })).toBe(13);
  });

  it('is for admins only', async () => {
    expect((await ask('/backfill', MANAGER)).text).toContain('лише адміністратор');
  });
});
