import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '#src/sandbox/fake-telegram/server.js';
import { startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import type { MappingKind } from '#src/db/models/store-mapping.js';
import type { StoreRecord } from '#src/services/stores.js';
import {
  ADMIN,
  createPromStore,
  greetAdmin,
  startTestBed,
  type TestBed,
  MANAGER,
  addManager,
} from '#test/harness/app.js';
import { chatDriver } from '#test/harness/chat.js';

let bed: TestBed;
let prom: FakeProm;
let store: StoreRecord;

beforeAll(async () => {
  prom = await startFakeProm({ seed: 31 });
  bed = await startTestBed(import.meta.filename, { env: { PROM_API_URL: prom.url } });
  await addManager(bed);
  await greetAdmin(bed);
  store = await createPromStore(bed, 'Туристичний Prom');
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
});

const admin = chatDriver(() => bed.telegram, ADMIN);
const { say, tap, tapData, waitForText } = admin;

const mappingsOf = (kind: MappingKind) =>
  bed.app.models.storeMappings
    .find({ storeId: String(store._id), kind })
    .sort({ code: 1 })
    .lean();

/** the callback data of the button next to (in the same row as) a labelled one */
function rowButton(message: FakeMessage, rowLabel: RegExp, index: number): string {
  const row = message.reply_markup?.inline_keyboard.find((r) => r.some((b) => rowLabel.test(b.text)));
  const button = row?.[index];
  if (!button || !('callback_data' in button)) throw new Error(`no row ${rowLabel}`);
  return button.callback_data as string;
}

async function openStoreMenu(): Promise<FakeMessage> {
  say('/stores');
  const list = await waitForText(/Ваші магазини/);
  await tap(list, /Туристичний Prom/);
  await bed.telegram.waitFor(() => list.text.startsWith('🏬 Туристичний Prom'));
  return list;
}

describe('S4 shop lists', () => {
  it('starts with Ukrainian stages and lets the admin add, move up and delete one', async () => {
    say('/stores');
    const menu = await waitForText(/Ваші магазини/);
    await tap(menu, /Етапи, оплата, доставка/);
    await bed.telegram.waitFor(() => menu.text.startsWith('Етапи вашого магазину'));
    expect(menu.text).toContain('1. Нове');
    expect(menu.text).toContain('6. Скасовано');

    await tap(menu, /Додати/);
    await waitForText(/назву нового пункту/);
    say('Повернення');
    const saved = await waitForText(/Збережено/);
    await tap(saved, /Назад/);
    await bed.telegram.waitFor(() => saved.text.includes('7. Повернення'));

    await tap(saved, /⬆ Повернення/);
    await bed.telegram.waitFor(() => saved.text.includes('6. Повернення'));
    const stages = (await bed.app.services.mappings.list('stages')).map((s) => s.name);
    expect(stages.slice(-2)).toEqual(['Повернення', 'Скасовано']);

    await tapData(saved, rowButton(saved, /Повернення/, 1));
    await bed.telegram.waitFor(() => !saved.text.includes('Повернення'));
    expect((await bed.app.services.mappings.list('stages')).map((s) => s.name)).not.toContain('Повернення');

    await tap(saved, /^Оплата$/);
    await bed.telegram.waitFor(() => saved.text.startsWith('Ваші способи оплати'));
    expect(saved.text).toContain('Накладений платіж');
  });
});

describe('S4 mappings per store', () => {
  it('maps marketplace statuses (the custom one included), payment and delivery methods', async () => {
    const menu = await openStoreMenu();
    await tap(menu, /🔗 Статуси/);
    await bed.telegram.waitFor(() => menu.text.startsWith('Статуси маркетплейсу'));
    expect(() => admin.buttonData(menu, /^Очікує оплату → —$/)).not.toThrow();

    await tap(menu, /^Нове →/);
    await bed.telegram.waitFor(() => menu.text.startsWith('«Нове»'));
    await tap(menu, /^Нове$/);
    await bed.telegram.waitFor(() => admin.hasButton(menu, /^Нове → Нове$/));

    await tap(menu, /^Прийнято →/);
    await tap(menu, /^В обробці$/);
    await bed.telegram.waitFor(() => admin.hasButton(menu, /^Прийнято → В обробці$/));
    expect((await mappingsOf('status')).map((m) => [m.code, m.target])).toEqual([
      ['pending', 'new'],
      ['received', 'work'],
    ]);

    await tap(menu, /^« Назад$/);
    await tap(menu, /🔗 Оплата/);
    await tap(menu, /^Накладений платіж →/);
    await tap(menu, /^Накладений платіж$/);
    await bed.telegram.waitFor(() => admin.hasButton(menu, /^Накладений платіж → Накладений платіж$/));

    await tap(menu, /^« Назад$/);
    await tap(menu, /🔗 Доставка/);
    await tap(menu, /^Нова Пошта →/);
    await tap(menu, /^Нова пошта$/);
    await bed.telegram.waitFor(() => admin.hasButton(menu, /^Нова Пошта → Нова пошта$/));
    expect((await mappingsOf('payment')).map((m) => m.target)).toEqual(['cod']);
    expect((await mappingsOf('delivery')).map((m) => m.target)).toEqual(['np']);

    await tap(menu, /^Нова Пошта →/);
    await tap(menu, /не зіставляти/);
    await bed.telegram.waitFor(() => admin.hasButton(menu, /^Нова Пошта → —$/));
    expect(await mappingsOf('delivery')).toEqual([]);
  });

  it('refuses a manager on mapping buttons and forged mappings; nothing changes', async () => {
    const menu = await openStoreMenu();
    await tap(menu, /🔗 Статуси/);
    await bed.telegram.waitFor(() => menu.text.startsWith('Статуси маркетплейсу'));
    const before = await mappingsOf('status');

    const byManager = await tapData(menu, admin.buttonData(menu, /^Нове →/), MANAGER);
    expect(byManager.text).toContain('лише адміністратор');

    const id = String(store._id);
    const unknownStatus = await tapData(menu, `mx:s:${id}:no_such_status:canc`);
    expect(unknownStatus.text).toContain('не знайдено');
    const otherStore = await tapData(menu, 'mx:s:ffffffffffffffffffffffff:pending:canc');
    expect(otherStore.text).toContain('не знайдено');
    const unknownStage = await tapData(menu, `mx:s:${id}:pending:zzzz`);
    expect(unknownStage.text).toContain('не знайдено');

    expect(await mappingsOf('status')).toEqual(before);
  });
});

describe('S4 stage on the order card', () => {
  it('shows the mapped stage, moves the marketplace status from the stage menu, and follows marketplace changes', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(store._id);
    const card = await bed.telegram.waitFor(
      () => bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes(`№${order.id}`) && m.reply_markup),
      8000,
    );
    expect(card.text).toContain('Етап: Нове');

    await tap(card, /Етап ▸/);
    await tap(card, /🏷 В обробці/);
    await bed.telegram.waitFor(() => card.text.includes('Етап: В обробці'), 8000);
    expect(prom.getOrder(order.id)?.status).toBe('received');

    const done = (await bed.app.services.mappings.list('stages')).find((s) => s.name === 'Доставлено');
    await bed.app.services.mappings.setMapping(
      String(store._id),
      'status',
      { id: 'delivered', label: 'Виконано' },
      done?.id ?? null,
    );
    prom.updateOrder(order.id, { status: 'delivered', status_name: 'Виконано' });
    await bed.app.services.orderSync.pollStore(store._id);
    await bed.telegram.waitFor(() => card.text.includes('Етап: Доставлено'), 8000);
  });
});
