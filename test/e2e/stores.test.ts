import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '#src/sandbox/fake-telegram/server.js';
import { startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { startFakeRozetka, type FakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, greetAdmin, startTestBed, type TestBed, MANAGER, addManager } from '#test/harness/app.js';
import { memoryLogger } from '#test/harness/bad-input.js';
import { chatDriver } from '#test/harness/chat.js';

const PROM_TOKEN = 'prom-live-token-7f3a9c2e';
const WRONG_TOKEN = 'prom-typo-token-0000';
const ROZETKA_LOGIN = 'shop-seller';
const ROZETKA_PASSWORD = 'rz-Pass-9f8e7d';
const WRONG_PASSWORD = 'rz-Wrong-41c2b0';
const SECRETS = [PROM_TOKEN, WRONG_TOKEN, ROZETKA_PASSWORD, Buffer.from(ROZETKA_PASSWORD).toString('base64')];
/** cabinet API tokens handed out during the tests, which must never reach the log either */
const rozetkaTokens: string[] = [];

let bed: TestBed;
let prom: FakeProm;
let rozetka: FakeRozetka;
const log = memoryLogger('trace');

beforeAll(async () => {
  prom = await startFakeProm({ seed: 21, tokens: [PROM_TOKEN] });
  rozetka = await startFakeRozetka({
    seed: 22,
    seller: { username: ROZETKA_LOGIN, password: ROZETKA_PASSWORD },
  });
  bed = await startTestBed(import.meta.filename, {
    pollOnStart: true,
    env: { PROM_API_URL: prom.url, ROZETKA_API_URL: rozetka.url },
    logger: log.logger,
  });
  await addManager(bed);
  await greetAdmin(bed);
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
  await rozetka?.close();
});

const { buttonData, lastBotMessage, say, tap, tapData, waitForText } = chatDriver(() => bed.telegram, ADMIN);

/** the stored conversation states as JSON, once they satisfy `ready` (they are written after the update) */
async function storedConversations(ready: (json: string) => boolean): Promise<string> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const json = JSON.stringify(
      await bed.app.connection.db?.collection('conversation_states').find().toArray(),
    );
    if (ready(json) || Date.now() > deadline) return json;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const storeNamed = (name: string) => bed.app.models.stores.findOne({ name }).lean<StoreRecord>();

/** whether a worker polls the store after `since`, within a few seconds */
async function polledAfter(storeId: Types.ObjectId | undefined, since: Date): Promise<boolean> {
  const deadline = Date.now() + 8000;
  for (;;) {
    // a quiet poll logs no row: the store's lastSyncAt is what every poll leaves
    if (await bed.app.models.stores.exists({ _id: storeId, lastSyncAt: { $gt: since } })) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openStore(name: string): Promise<FakeMessage> {
  say('/stores');
  const list = await waitForText(/Ваші магазини/);
  await tap(list, new RegExp(name));
  return bed.telegram.waitFor(() => (list.text.startsWith(`🏬 ${name}`) ? list : undefined));
}

describe('S1 connect a store', () => {
  it('connects a Prom store: token checked live, its message deleted, sealed at rest, polling started', async () => {
    say('/connect');
    const choose = await waitForText(/Оберіть маркетплейс/);
    await tap(choose, /Prom/);
    await waitForText(/Як назвати магазин/);
    say('Рибалка Prom');
    await waitForText(/API-токен Prom/);
    const tokenMessage = say(PROM_TOKEN);
    const done = await waitForText(/Магазин «Рибалка Prom» підключено/);

    expect(done.text).toContain(`…${PROM_TOKEN.slice(-4)}`);
    const shown = bed.telegram.messages(ADMIN.id);
    expect(shown.some((m) => m.message_id === tokenMessage.message?.message_id)).toBe(false);
    expect(shown.some((m) => m.text.includes(PROM_TOKEN))).toBe(false);
    expect(prom.calls.some((c) => c.path.endsWith('/orders/list'))).toBe(true);

    const raw = await bed.app.connection.db?.collection('stores').findOne({ name: 'Рибалка Prom' });
    expect(raw).toBeTruthy();
    expect(JSON.stringify(raw)).not.toContain(PROM_TOKEN);
    expect(String(raw?.sealedCredentials)).toMatch(/^v2:/);
    const conversations = await bed.app.connection.db?.collection('conversation_states').find().toArray();
    expect(JSON.stringify(conversations)).not.toContain(PROM_TOKEN);
    expect(
      JSON.stringify(await bed.app.connection.db?.collection('secret_inputs').find().toArray()),
    ).not.toContain(PROM_TOKEN);

    expect(await polledAfter(raw?._id, new Date(0))).toBe(true);
    const opened = bed.app.services.stores.marketplaceFor((await storeNamed('Рибалка Prom')) as StoreRecord);
    await expect(opened.checkCredentials()).resolves.toBeTruthy();
  });

  it('refuses wrong credentials in plain words, saves nothing, and takes the right ones on retry', async () => {
    const before = await bed.app.models.stores.countDocuments();
    say('/connect');
    await tap(await waitForText(/Оберіть маркетплейс/), /Prom/);
    await waitForText(/Як назвати магазин/);
    say('Друга крамниця');
    await waitForText(/API-токен Prom/);
    say(WRONG_TOKEN);
    await waitForText(/не прийняв ці дані/);
    expect(await bed.app.models.stores.countDocuments()).toBe(before);
    expect(bed.telegram.messages(ADMIN.id).some((m) => m.text.includes(WRONG_TOKEN))).toBe(false);
    // the dialogue is still waiting, with its replay log stored: only a placeholder is in it
    const waiting = await storedConversations((json) => json.includes('[secret]'));
    expect(waiting).toContain('[secret]');
    expect(waiting).not.toContain(WRONG_TOKEN);

    say(PROM_TOKEN);
    await waitForText(/Магазин «Друга крамниця» підключено/);
    expect(await bed.app.models.stores.countDocuments()).toBe(before + 1);
  });

  it('connects a Rozetka store with login then password (a wrong one first), across a restart in the middle', async () => {
    say('/connect');
    await tap(await waitForText(/Оберіть маркетплейс/), /Rozetka/);
    await waitForText(/Як назвати магазин/);
    say('Гаджети Rozetka');
    await tap(await waitForText(/Як бот входитиме в Rozetka/), /Логін і пароль/);
    await waitForText(/логін продавця Rozetka/);

    await bed.restart();

    say(ROZETKA_LOGIN);
    await waitForText(/пароль від кабінету/);
    say(WRONG_PASSWORD);
    await waitForText(/не прийняв ці дані/);
    await waitForText(/пароль від кабінету/);
    const passwordMessage = say(ROZETKA_PASSWORD);
    await waitForText(/Магазин «Гаджети Rozetka» підключено/);
    expect(
      bed.telegram.messages(ADMIN.id).some((m) => m.message_id === passwordMessage.message?.message_id),
    ).toBe(false);
    const raw = await bed.app.connection.db?.collection('stores').findOne({ name: 'Гаджети Rozetka' });
    expect(raw?.marketplace).toBe('rozetka');
    expect(JSON.stringify(raw)).not.toContain(ROZETKA_PASSWORD);
    expect(await polledAfter(raw?._id, new Date(0))).toBe(true);
  });

  it('connects a Rozetka store with a cabinet API token: straight to Bearer, a role without orders named first', async () => {
    const withoutOrders = rozetka.addApiToken(['correspondence']);
    const goodToken = rozetka.addApiToken();
    rozetkaTokens.push(withoutOrders, goodToken);
    const sitesBefore = rozetka.calls.filter((call) => call.path === '/sites').length;
    say('/connect');
    await tap(await waitForText(/Оберіть маркетплейс/), /Rozetka/);
    await waitForText(/Як назвати магазин/);
    say('Rozetka за токеном');
    await tap(await waitForText(/Як бот входитиме в Rozetka/), /API-токен з кабінету/);
    await waitForText(/API-токен Rozetka/);
    say(withoutOrders);
    await waitForText(/ролі бракує доступу до розділу «Замовлення»/);
    expect(await storeNamed('Rozetka за токеном')).toBeNull();
    await waitForText(/API-токен Rozetka/);
    say(goodToken);
    await waitForText(/Магазин «Rozetka за токеном» підключено/);

    const store = await storeNamed('Rozetka за токеном');
    expect(JSON.stringify(store)).not.toContain(goodToken);
    expect(await polledAfter(store?._id, new Date(0))).toBe(true);
    expect(rozetka.calls.filter((call) => call.path === '/sites')).toHaveLength(sitesBefore);
    expect(rozetka.calls.some((call) => call.headers.authorization === `Bearer ${goodToken}`)).toBe(true);
    // the S2 tests count the stores connected above
    await bed.app.models.stores.deleteOne({ _id: store?._id });
  });

  it('a cabinet token Rozetka stops taking pauses its store with one alert and no login attempt', async () => {
    const token = rozetka.addApiToken();
    rozetkaTokens.push(token);
    const store = await bed.app.services.stores.create({
      name: 'Відкликаний токен',
      credentials: { marketplace: 'rozetka', apiToken: token },
    });
    await bed.app.services.orderSync.pollStore(store._id);
    rozetka.state.tokens.get(token)!.expired = true;
    const sitesBefore = rozetka.calls.filter((call) => call.path === '/sites').length;

    await expect(bed.app.services.orderSync.pollStore(store._id)).rejects.toThrow();

    expect((await bed.app.services.stores.get(store._id))?.status).toBe('paused');
    expect(rozetka.calls.filter((call) => call.path === '/sites')).toHaveLength(sitesBefore);
    const alert = await bed.telegram.waitFor(() =>
      bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes('🔑 Відкликаний токен')),
    );
    expect(alert.text).toContain('маркетплейс не приймає облікові дані');
    expect(alert.text).not.toContain('Rozetka refused');
    await bed.app.models.stores.deleteOne({ _id: store._id });
  });

  it('a tap on an order of a store whose cabinet token Rozetka stopped taking says so, not "try again later"', async () => {
    const token = rozetka.addApiToken();
    rozetkaTokens.push(token);
    const store = await bed.app.services.stores.create({
      name: 'Токен відкликано',
      credentials: { marketplace: 'rozetka', apiToken: token },
    });
    const sold = rozetka.addOrder({ status: 1 } as never);
    await bed.app.services.orderSync.pollStore(store._id);
    const order = await bed.app.models.orders
      .findOne({ storeId: store._id, marketplaceOrderId: String(sold.id) })
      .lean();
    rozetka.state.tokens.get(token)!.expired = true;
    const actor = { telegramId: ADMIN.id, name: 'Олена', allStores: true, storeIds: [] };
    const result = await bed.app.services.orderActions.perform(String(order?._id), actor, { kind: 'accept' });
    expect(result).toEqual({ ok: false, reason: 'credentials' });
    await bed.app.models.stores.deleteOne({ _id: store._id });
  });

  it('a cabinet token whose role lost Orders pauses its store with an alert naming the permission', async () => {
    const token = rozetka.addApiToken(['correspondence']);
    rozetkaTokens.push(token);
    const store = await bed.app.services.stores.create({
      name: 'Токен без замовлень',
      credentials: { marketplace: 'rozetka', apiToken: token },
    });
    await expect(bed.app.services.orderSync.pollStore(store._id)).rejects.toThrow();
    expect((await bed.app.services.stores.get(store._id))?.status).toBe('paused');
    const alert = await bed.telegram.waitFor(() =>
      bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes('🔑 Токен без замовлень')),
    );
    expect(alert.text).toContain('немає дозволу «Замовлення»');
    expect(alert.text).not.toContain('order_edit');
    await bed.app.models.stores.deleteOne({ _id: store._id });
  });

  it('/cancel leaves the dialogue and the next message is not taken as a secret', async () => {
    say('/connect');
    await tap(await waitForText(/Оберіть маркетплейс/), /Prom/);
    await waitForText(/Як назвати магазин/);
    say('Скасований');
    await waitForText(/API-токен Prom/);
    say('/cancel');
    await waitForText(/^Скасовано/);
    const plain = say('просто текст');
    await waitForText(/Не зрозумів/);
    expect(bed.telegram.messages(ADMIN.id).some((m) => m.message_id === plain.message?.message_id)).toBe(
      true,
    );
    expect(await storeNamed('Скасований')).toBeNull();
  });

  it('writes no secret to the log during any of the connect flows', () => {
    expect(log.lines.length).toBeGreaterThan(10);
    const all = log.lines.join('');
    expect(rozetkaTokens.length).toBeGreaterThan(0);
    for (const secret of [...SECRETS, ...rozetkaTokens]) expect(all).not.toContain(secret);
  });
});

describe('S2 stores from inline keyboards', () => {
  it('pauses, resumes (polled again), renames and deletes with confirmation', async () => {
    const menu = await openStore('Друга крамниця');
    const store = (await storeNamed('Друга крамниця')) as StoreRecord;
    expect(menu.text).toContain('працює');
    // short polling slots, so "polled again" need not wait for the 30 s default
    await bed.app.models.stores.updateOne({ _id: store._id }, { $set: { pollIntervalSeconds: 2 } });

    await tap(menu, /Пауза/);
    await bed.telegram.waitFor(() => menu.text.includes('на паузі'));
    expect((await storeNamed('Друга крамниця'))?.status).toBe('paused');

    const resumedAt = new Date();
    await tap(menu, /Відновити/);
    await bed.telegram.waitFor(() => menu.text.includes('працює'));
    expect(await polledAfter(store._id, resumedAt)).toBe(true);

    await tap(menu, /Назва/);
    await waitForText(/нову назву магазину/);
    say('Крамниця 2');
    await waitForText(/Збережено/);
    expect((await bed.app.models.stores.findById(store._id).lean())?.name).toBe('Крамниця 2');

    await tap(menu, /Видалити магазин/);
    await bed.telegram.waitFor(() => menu.text.includes('Видалити магазин «Крамниця 2»?'));
    await tap(menu, /Так, видалити/);
    await bed.telegram.waitFor(() => menu.text.includes('Ваші магазини'));
    expect(await bed.app.models.stores.findById(store._id).lean()).toBeNull();
  });

  it('refuses a manager tapping an admin button, and nothing changes', async () => {
    const menu = await openStore('Рибалка Prom');
    const answer = await tap(menu, /Пауза/, MANAGER);
    expect(answer.text).toContain('лише адміністратор');
    expect((await storeNamed('Рибалка Prom'))?.status).toBe('active');
    const manager = chatDriver(() => bed.telegram, MANAGER);
    manager.say('/stores');
    await manager.waitForText(/лише адміністратор/);
  });

  it('refuses a forged button for a store that does not exist', async () => {
    const menu = await openStore('Рибалка Prom');
    const answer = await tapData(menu, 'sm:pa:ffffffffffffffffffffffff:');
    expect(answer.text).toContain('не знайдено');
    expect(await bed.app.models.stores.countDocuments({ status: 'paused' })).toBe(0);
  });

  it('pages a long list of stores', async () => {
    for (let i = 1; i <= 9; i++) {
      await bed.app.services.stores.create({
        name: `Склад ${i}`,
        credentials: { marketplace: 'prom', token: PROM_TOKEN },
        status: 'paused',
      });
    }
    say('/stores');
    const list = await waitForText(/Ваші магазини \(11\)/);
    const storeButtons = () =>
      (list.reply_markup?.inline_keyboard ?? []).flat().filter((b) => /Prom\.ua|Rozetka/.test(b.text));
    expect(storeButtons()).toHaveLength(8);
    await tap(list, /^›$/);
    await bed.telegram.waitFor(() => storeButtons().length === 3);
    expect(storeButtons().some((b) => b.text.includes('Склад 9'))).toBe(true);
  });
});

describe('S3 per-store settings', () => {
  it('sets source label, manager, auto-accept, hours, poll interval, imported statuses, signature, templates', async () => {
    const menu = await openStore('Рибалка Prom');
    const id = (await storeNamed('Рибалка Prom'))?._id;
    const stored = async () => (await bed.app.models.stores.findById(id).lean()) as StoreRecord;
    const back = async () => {
      await tap(lastBotMessage(), /Назад/);
    };

    await tap(menu, /Мітка джерела/);
    await waitForText(/мітку джерела/);
    say('Prom основний');
    await waitForText(/Збережено/);
    await back();
    expect((await stored()).sourceLabel).toBe('Prom основний');

    const view = lastBotMessage();
    await tap(view, /Відповідальний/);
    await bed.telegram.waitFor(() => view.text.includes('Хто відповідає'));
    await tap(view, /Тарас/);
    await bed.telegram.waitFor(() => view.text.includes('Відповідальний: Тарас'));
    expect((await stored()).responsibleManagerId).toBe(MANAGER.id);

    await tap(view, /Автоприйняття/);
    await tap(view, /^15 хв$/);
    await bed.telegram.waitFor(() => view.text.includes('через 15 хв'));
    expect((await stored()).autoAcceptDelayMinutes).toBe(15);

    await tap(view, /Робочі години/);
    await tap(view, /Задати години/);
    await waitForText(/09:00-18:00/);
    say('25:00-18:00');
    await waitForText(/Не підходить/);
    say('9:00 - 18:30');
    await waitForText(/Збережено/);
    expect(await stored()).toMatchObject({ workingHoursFrom: '09:00', workingHoursTo: '18:30' });

    await back();
    const settings = lastBotMessage();
    await tap(settings, /Частота опитування/);
    await tap(settings, /^1 хв$/);
    await bed.telegram.waitFor(() => settings.text.includes('Опитування: 1 хв'));
    expect((await stored()).pollIntervalSeconds).toBe(60);

    await tap(settings, /Статуси для імпорту/);
    await bed.telegram.waitFor(() => settings.text.includes('Замовлення з якими статусами'));
    expect(() => buttonData(settings, /Очікує оплату/)).not.toThrow();
    await tap(settings, /Чернетка/);
    await bed.telegram.waitFor(() => /⬜ Чернетка/.test(JSON.stringify(settings.reply_markup)));
    const imported = (await stored()).importedStatuses;
    expect(imported).not.toContain('draft');
    expect(imported).toContain('pending');
    await tap(settings, /Чернетка/);
    await bed.telegram.waitFor(() => /✅ Чернетка/.test(JSON.stringify(settings.reply_markup)));
    expect((await stored()).importedStatuses).toEqual([]);

    await tap(settings, /Назад/);
    await tap(settings, /Підпис/);
    await tap(settings, /Задати підпис/);
    await waitForText(/підпис для відповідей/);
    say('З повагою, Рибалка');
    await waitForText(/Збережено/);
    expect((await stored()).replySignature).toBe('З повагою, Рибалка');

    await back();
    const again = lastBotMessage();
    await tap(again, /Шаблони відповідей/);
    await tap(again, /Додати шаблон/);
    await waitForText(/назву шаблону/);
    say('Дякуємо');
    await waitForText(/текст шаблону/);
    say('Дякуємо за замовлення! Відправимо сьогодні.');
    await waitForText(/Збережено/);
    expect((await stored()).replyTemplates).toEqual([
      { title: 'Дякуємо', text: 'Дякуємо за замовлення! Відправимо сьогодні.' },
    ]);
    await back();
    const templates = lastBotMessage();
    await tap(templates, /Шаблони відповідей/);
    await tap(templates, /🗑 Дякуємо/);
    await bed.telegram.waitFor(() => templates.text.includes('ще немає шаблонів'));
    expect((await stored()).replyTemplates).toEqual([]);
  });
});
