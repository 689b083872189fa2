import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeMessage, FakeUser } from '#src/sandbox/fake-telegram/server.js';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { startFakeRozetka, type FakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, greetAdmin, startTestBed, type TestBed, MANAGER, addManager } from '#test/harness/app.js';

let bed: TestBed;
let prom: FakeProm;
let rozetka: FakeRozetka;
let promStore: StoreRecord;
let rozetkaStore: StoreRecord;

/** a manager limited to the Prom store, sitting in the Rozetka store's group */
const PROM_ONLY: FakeUser = { id: 2003, first_name: 'Ірина', language_code: 'uk' };
const GROUP = -1001234567890;
const SIGNATURE = 'З повагою, магазин «Туристичний»';

beforeAll(async () => {
  prom = await startFakeProm({ seed: 21 });
  rozetka = await startFakeRozetka({ seed: 22 });
  bed = await startTestBed(import.meta.filename, {
    env: { PROM_API_URL: prom.url, ROZETKA_API_URL: rozetka.url },
  });
  await addManager(bed);
  await greetAdmin(bed);
  promStore = await bed.app.services.stores.create({
    name: 'Туристичний Prom',
    credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
    pollIntervalSeconds: 1800,
    replySignature: SIGNATURE,
  });
  // templates are edited by the admin UI (S3); here they are set directly in the database
  await bed.app.models.stores.updateOne(
    { _id: promStore._id },
    {
      $set: {
        replyTemplates: [
          { title: 'Є в наявності', text: 'Так, товар є в наявності, відправимо сьогодні.' },
          { title: 'Уточнимо', text: 'Дякуємо! Уточнимо й відповімо протягом години.' },
        ],
      },
    },
  );
  rozetkaStore = await bed.app.services.stores.create({
    name: 'Гаджети Rozetka',
    credentials: { marketplace: 'rozetka', username: 'demo', password: 'demo' },
    pollIntervalSeconds: 1800,
  });
  await bed.app.models.stores.updateOne(
    { _id: rozetkaStore._id },
    { $set: { destinations: [{ chatId: GROUP, threadId: null, events: ['buyer_message'] }] } },
  );
  await bed.app.models.users.create({
    telegramId: PROM_ONLY.id,
    name: 'Ірина',
    role: 'manager',
    storeIds: [String(promStore._id)],
  });
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
  await rozetka?.close();
});

const pollMessages = (store: StoreRecord) => bed.app.services.buyerMessages.pollStore(store._id);

const isMessageCard = (message: FakeMessage) =>
  message.reply_markup?.inline_keyboard
    .flat()
    .some((b) => 'callback_data' in b && b.callback_data?.startsWith('bmr:')) ?? false;

const cardsWith = (chatId: number, marker: string) =>
  bed.telegram.botMessages(chatId).filter((m) => isMessageCard(m) && m.text.includes(marker));

/** A card as the chat shows it, once the sender has also recorded where it sits (replies find it so). */
async function waitForCard(chatId: number, marker: string, probe: (m: FakeMessage) => boolean = () => true) {
  const card = await bed.telegram.waitFor(() => cardsWith(chatId, marker).find(probe), 8000);
  await vi.waitFor(async () =>
    expect(await bed.app.models.messageCards.exists({ chatId, messageId: card.message_id })).toBeTruthy(),
  );
  return card;
}

const buttonData = (message: FakeMessage, label: RegExp) => {
  const button = message.reply_markup?.inline_keyboard.flat().find((b) => label.test(b.text));
  if (!button || !('callback_data' in button)) throw new Error(`no button ${label} on the message`);
  return button.callback_data as string;
};

const lastBotMessage = (chatId: number, probe: (m: FakeMessage) => boolean) =>
  bed.telegram.waitFor(() => bed.telegram.botMessages(chatId).toReversed().find(probe), 8000);

const previewIn = (chatId: number, after: number) =>
  lastBotMessage(chatId, (m) => m.message_id > after && /Надіслати/.test(JSON.stringify(m.reply_markup)));

const promRepliesIn = (roomIdent: string) =>
  [...prom.state.chatMessages.values()].filter((m) => m.roomIdent === roomIdent && m.isSender);

const rozetkaRepliesIn = (chatId: number) =>
  rozetka.state.messages.filter((m) => m.chat_id === chatId && m.sender === 2);

const answerFor = (click: { callback_query?: { id: string } }) =>
  bed.telegram.waitFor(() =>
    bed.telegram.callbackAnswers.find((a) => a.callbackQueryId === click.callback_query?.id),
  );

const latestId = (chatId: number) => bed.telegram.messages(chatId).at(-1)?.message_id ?? 0;

describe('M1 buyer messages pushed to managers', () => {
  it('sends one card per destination with store, buyer, linked order and text, without reading it', async () => {
    const order = prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(promStore._id);
    const message = prom.addChatMessage({ body: 'Чи є розмір XL?', contextOrderId: order.id });
    await pollMessages(promStore);
    const card = await waitForCard(ADMIN.id, 'Чи є розмір XL?');
    await waitForCard(MANAGER.id, 'Чи є розмір XL?');
    await waitForCard(PROM_ONLY.id, 'Чи є розмір XL?');
    expect(card.text).toContain('Туристичний Prom');
    expect(card.text).toContain(prom.state.rooms.get(message.roomIdent)?.userName);
    expect(card.text).toContain(`№${order.id}`);
    const labels = card.reply_markup?.inline_keyboard
      .flat()
      .map((b) => b.text)
      .join(' ');
    expect(labels).toMatch(/Відповісти/);
    expect(labels).toMatch(/Шаблони/);
    expect(labels).toMatch(/Прочитано/);
    expect(labels).toMatch(/Замовлення/);
    expect(prom.state.chatMessages.get(message.id)?.status).toBe('new');
  });

  it('pushes a message that stays unread on the marketplace once, however often it is polled', async () => {
    prom.addChatMessage({ body: 'Коли відправка?' });
    const legacy = prom.addLegacyMessage({ message: 'Старий API: чи можна самовивіз?' });
    for (let i = 0; i < 10; i++) await pollMessages(promStore);
    await waitForCard(ADMIN.id, 'Коли відправка?');
    await waitForCard(ADMIN.id, 'чи можна самовивіз?');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cardsWith(ADMIN.id, 'Коли відправка?')).toHaveLength(1);
    expect(cardsWith(MANAGER.id, 'Коли відправка?')).toHaveLength(1);
    expect(cardsWith(ADMIN.id, 'чи можна самовивіз?')).toHaveLength(1);
    expect(prom.state.legacyMessages.get(legacy.id)?.status).toBe('unread');
  });

  it('threads later messages of the same buyer under the first card', async () => {
    const first = prom.addChatMessage({ body: 'Перше питання про намет' });
    await pollMessages(promStore);
    const head = await waitForCard(ADMIN.id, 'Перше питання про намет');
    prom.addChatMessage({ roomIdent: first.roomIdent, body: 'І ще: яка вага?' });
    await pollMessages(promStore);
    const later = await waitForCard(ADMIN.id, 'І ще: яка вага?');
    expect(later.reply_to_message_id).toBe(head.message_id);
  });

  it('shows HTML, 10 000 characters, emoji and right-to-left text escaped and split within limits', async () => {
    const piece = '<b>не жирний</b> & <script>alert(1)</script> 👨‍👩‍👧‍👦 مرحبا بالعالم ';
    const repeated = `ПОЧАТОК ${piece.repeat(Math.floor(9_900 / piece.length))}`;
    const body = `${repeated}${'ж'.repeat(10_000 - 6 - repeated.length)}КІНЕЦЬ`;
    const message = prom.addChatMessage({ body });
    await pollMessages(promStore);
    const card = await waitForCard(ADMIN.id, 'ПОЧАТОК');
    expect(card.text).toContain('<b>не жирний</b> & <script>alert(1)</script>');
    expect(card.text).toContain('مرحبا');
    const parts = await bed.telegram.waitFor(() => {
      const found = bed.telegram
        .botMessages(ADMIN.id)
        .filter((m) => m.reply_to_message_id === card.message_id);
      return found.some((m) => m.text.includes('КІНЕЦЬ')) ? found : null;
    }, 8000);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const shown of [card, ...parts]) expect(shown.text.length).toBeLessThanOrEqual(4096);
    // the card's own lines and the "(2/4)" marks aside, every character arrives, in order
    const squeeze = (text: string) => text.replace(/\s+/g, '');
    const cardBody = card.text.split('\n\n').slice(1).join('\n\n').split('\n').slice(0, -1).join('\n');
    const partBodies = parts.map((part) => part.text.replace(/^\(\d+\/\d+\)\n/, ''));
    expect(body).toHaveLength(10_000);
    expect(squeeze(cardBody + partBodies.join('')) === squeeze(body)).toBe(true);
    expect(prom.state.chatMessages.get(message.id)?.status).toBe('new');
  });

  it('turns Rozetka <br> into line breaks and leaves the chat unread', async () => {
    const { chat } = rozetka.addChatMessage({ body: 'Добрий день!<br>Чи є чохол <i>синій</i>?<br/>Дякую' });
    await pollMessages(rozetkaStore);
    const card = await waitForCard(GROUP, 'Добрий день!');
    expect(card.text).toContain('Добрий день!\nЧи є чохол синій?\nДякую');
    expect(rozetka.state.chats.get(chat.id)?.read_market).toBeNull();
  });
});

describe('M2 reply from Telegram into the right thread', () => {
  it('sends the answer typed after Reply, with the signature, to the Prom room; every card shows who answered', async () => {
    const message = prom.addChatMessage({ body: 'Чи можна оплатити частинами?' });
    await pollMessages(promStore);
    const card = await waitForCard(ADMIN.id, 'оплатити частинами');
    await waitForCard(MANAGER.id, 'оплатити частинами');
    const before = latestId(ADMIN.id);
    bed.telegram.clickButton(ADMIN, card, buttonData(card, /Відповісти/));
    const prompt = await lastBotMessage(
      ADMIN.id,
      (m) => m.message_id > before && /Відповідь покупцю · /.test(m.text),
    );
    bed.telegram.sendText(ADMIN, 'Так, через Покупку частинами від ПриватБанку.', {
      replyTo: prompt.message_id,
    });
    // the buyer's name stands apart, never declined inside a Ukrainian sentence
    const buyer = prom.state.rooms.get(message.roomIdent)?.userName ?? '';
    expect(prompt.text).toContain(`Відповідь покупцю · ${buyer} (Туристичний Prom)`);
    const preview = await previewIn(ADMIN.id, prompt.message_id);
    expect(preview.text).toContain(SIGNATURE);
    expect(preview.text).toContain(`Відповідь покупцю · ${buyer} (Туристичний Prom):`);
    bed.telegram.clickButton(ADMIN, preview, buttonData(preview, /Надіслати/));
    await bed.telegram.waitFor(() => promRepliesIn(message.roomIdent).length > 0, 8000);
    expect(promRepliesIn(message.roomIdent).map((m) => m.body)).toEqual([
      `Так, через Покупку частинами від ПриватБанку.\n\n${SIGNATURE}`,
    ]);
    await waitForCard(ADMIN.id, 'оплатити частинами', (m) => m.text.includes('Відповів(-ла) Олена'));
    await waitForCard(MANAGER.id, 'оплатити частинами', (m) => m.text.includes('Відповів(-ла) Олена'));
  });

  it('takes a Telegram reply to the card in a group to the Rozetka chat and receiver', async () => {
    const order = rozetka.addOrder();
    await bed.app.services.orderSync.pollStore(rozetkaStore._id);
    const { chat } = rozetka.addChatMessage({ orderId: order.id, body: 'Де моє замовлення?' });
    await pollMessages(rozetkaStore);
    const card = await waitForCard(GROUP, 'Де моє замовлення?');
    expect(card.text).toContain(`№${order.id}`);
    bed.telegram.sendText(MANAGER, 'Вже в дорозі, ТТН надішлемо сьогодні.', {
      chatId: GROUP,
      replyTo: card.message_id,
    });
    const preview = await previewIn(GROUP, card.message_id);
    bed.telegram.clickButton(MANAGER, preview, buttonData(preview, /Надіслати/));
    await bed.telegram.waitFor(() => rozetkaRepliesIn(chat.id).length > 0, 8000);
    const [sent] = rozetkaRepliesIn(chat.id);
    expect(sent?.body).toBe('Вже в дорозі, ТТН надішлемо сьогодні.');
    expect(sent?.receiver_id).toBe(chat.user.id);
    await waitForCard(GROUP, 'Де моє замовлення?', (m) => m.text.includes('Тарас'));
  });

  it('finishes a reply started before a restart', async () => {
    const message = prom.addChatMessage({ body: 'Доставка в Ужгород можлива?' });
    await pollMessages(promStore);
    const card = await waitForCard(MANAGER.id, 'Доставка в Ужгород');
    const before = latestId(MANAGER.id);
    bed.telegram.clickButton(MANAGER, card, buttonData(card, /Відповісти/));
    await lastBotMessage(MANAGER.id, (m) => m.message_id > before && /Відповідь покупцю · /.test(m.text));
    await bed.restart();
    bed.telegram.sendText(MANAGER, 'Так, Новою поштою за 1–2 дні.');
    const preview = await previewIn(MANAGER.id, before);
    bed.telegram.clickButton(MANAGER, preview, buttonData(preview, /Надіслати/));
    await bed.telegram.waitFor(() => promRepliesIn(message.roomIdent).length > 0, 8000);
    expect(promRepliesIn(message.roomIdent)[0]?.body).toBe(`Так, Новою поштою за 1–2 дні.\n\n${SIGNATURE}`);
  });

  it('refuses a 2 500-character answer to Prom before calling it, keeping the draft to shorten', async () => {
    const message = prom.addChatMessage({ body: 'Розкажіть детально про гарантію' });
    await pollMessages(promStore);
    const card = await waitForCard(ADMIN.id, 'детально про гарантію');
    bed.telegram.sendText(ADMIN, 'Гарантія. '.repeat(250), { replyTo: card.message_id });
    const preview = await previewIn(ADMIN.id, card.message_id);
    expect(preview.text).toContain('задовга');
    const sendsBefore = prom.calls.filter((c) => c.path.endsWith('/chat/send_message')).length;
    const before = latestId(ADMIN.id);
    bed.telegram.clickButton(ADMIN, preview, buttonData(preview, /Надіслати/));
    const refusal = await lastBotMessage(ADMIN.id, (m) => m.message_id > before && /задовга/.test(m.text));
    expect(refusal.text).toMatch(/2000/);
    expect(prom.calls.filter((c) => c.path.endsWith('/chat/send_message'))).toHaveLength(sendsBefore);
    expect(promRepliesIn(message.roomIdent)).toHaveLength(0);
    bed.telegram.clickButton(ADMIN, preview, buttonData(preview, /Змінити/));
    await lastBotMessage(
      ADMIN.id,
      (m) => m.message_id > refusal.message_id && /Відповідь покупцю · /.test(m.text),
    );
    bed.telegram.sendText(ADMIN, 'Гарантія 12 місяців.');
    const shorter = await previewIn(ADMIN.id, refusal.message_id);
    bed.telegram.clickButton(ADMIN, shorter, buttonData(shorter, /Надіслати/));
    await bed.telegram.waitFor(() => promRepliesIn(message.roomIdent).length > 0, 8000);
    expect(promRepliesIn(message.roomIdent)[0]?.body).toBe(`Гарантія 12 місяців.\n\n${SIGNATURE}`);
  });

  it('shows a marketplace refusal in plain words and keeps the draft until it is sent', async () => {
    const message = prom.addChatMessage({ body: 'Можна змінити адресу?' });
    await pollMessages(promStore);
    const card = await waitForCard(ADMIN.id, 'змінити адресу');
    bed.telegram.sendText(ADMIN, 'Так, напишіть нову адресу.', { replyTo: card.message_id });
    const preview = await previewIn(ADMIN.id, card.message_id);
    prom.behaviour.chatEnabled = false;
    const before = latestId(ADMIN.id);
    bed.telegram.clickButton(ADMIN, preview, buttonData(preview, /Надіслати/));
    const refusal = await lastBotMessage(ADMIN.id, (m) => m.message_id > before && /не прийняв/.test(m.text));
    expect(refusal.text).toContain('Chat is disabled');
    expect(refusal.text).toContain('Чернетку збережено');
    expect(await bed.app.models.replyDrafts.countDocuments({ telegramId: ADMIN.id })).toBe(1);
    prom.behaviour.chatEnabled = true;
    bed.telegram.clickButton(ADMIN, preview, buttonData(preview, /Надіслати/));
    await bed.telegram.waitFor(() => promRepliesIn(message.roomIdent).length > 0, 8000);
    await vi.waitFor(async () =>
      expect(await bed.app.models.replyDrafts.countDocuments({ telegramId: ADMIN.id })).toBe(0),
    );
  });

  it('refuses a manager not assigned to the store: no draft, nothing sent, nothing marked read', async () => {
    const { chat } = rozetka.addChatMessage({ body: 'Питання до чужого магазину' });
    await pollMessages(rozetkaStore);
    const card = await waitForCard(GROUP, 'Питання до чужого магазину');
    const reply = bed.telegram.clickButton(PROM_ONLY, card, buttonData(card, /Відповісти/));
    expect((await answerFor(reply)).text).toMatch(/не доручено/);
    const read = bed.telegram.clickButton(PROM_ONLY, card, buttonData(card, /Прочитано/));
    expect((await answerFor(read)).text).toMatch(/не доручено/);
    bed.telegram.sendText(PROM_ONLY, 'Відповім усе одно', { chatId: GROUP, replyTo: card.message_id });
    await lastBotMessage(GROUP, (m) => m.text.includes('не доручено'));
    expect(await bed.app.models.replyDrafts.countDocuments({ telegramId: PROM_ONLY.id })).toBe(0);
    expect(rozetkaRepliesIn(chat.id)).toHaveLength(0);
    expect(rozetka.state.chats.get(chat.id)?.read_market).toBeNull();
  });
});

describe('M3 reply templates', () => {
  it('fills the draft from a template button and sends it with the signature', async () => {
    const message = prom.addChatMessage({ body: 'Є в наявності спальник?' });
    await pollMessages(promStore);
    const card = await waitForCard(MANAGER.id, 'спальник');
    const before = latestId(MANAGER.id);
    bed.telegram.clickButton(MANAGER, card, buttonData(card, /Шаблони/));
    const menu = await lastBotMessage(MANAGER.id, (m) => m.message_id > before && /шаблон/.test(m.text));
    bed.telegram.clickButton(MANAGER, menu, buttonData(menu, /Є в наявності/));
    const preview = await bed.telegram.waitFor(
      () =>
        bed.telegram
          .messages(MANAGER.id)
          .find((m) => m.message_id === menu.message_id && /Надіслати/.test(JSON.stringify(m.reply_markup))),
      8000,
    );
    expect(preview.text).toContain('Так, товар є в наявності');
    bed.telegram.clickButton(MANAGER, preview, buttonData(preview, /Надіслати/));
    await bed.telegram.waitFor(() => promRepliesIn(message.roomIdent).length > 0, 8000);
    expect(promRepliesIn(message.roomIdent)[0]?.body).toBe(
      `Так, товар є в наявності, відправимо сьогодні.\n\n${SIGNATURE}`,
    );
  });
});

describe('M1 mark read', () => {
  it('marks the message read on Prom and on every copy of the card', async () => {
    const message = prom.addChatMessage({ body: 'Прочитайте мене' });
    await pollMessages(promStore);
    const card = await waitForCard(ADMIN.id, 'Прочитайте мене');
    await waitForCard(MANAGER.id, 'Прочитайте мене');
    bed.telegram.clickButton(ADMIN, card, buttonData(card, /Прочитано/));
    await bed.telegram.waitFor(() => prom.state.chatMessages.get(message.id)?.status === 'read', 8000);
    for (const chatId of [ADMIN.id, MANAGER.id]) {
      const updated = await waitForCard(chatId, 'Прочитайте мене', (m) =>
        m.text.includes('Прочитано: Олена'),
      );
      expect(JSON.stringify(updated.reply_markup)).not.toContain('bmk:');
    }
  });

  it('marks a Rozetka chat read with read_market', async () => {
    const { chat } = rozetka.addChatMessage({ body: 'Rozetka: позначте прочитаним' });
    await pollMessages(rozetkaStore);
    const card = await waitForCard(GROUP, 'позначте прочитаним');
    bed.telegram.clickButton(ADMIN, card, buttonData(card, /Прочитано/));
    await bed.telegram.waitFor(() => rozetka.state.chats.get(chat.id)?.read_market != null, 8000);
  });
});

describe('M4 messages stored with their thread, order and customer', () => {
  it("returns an order's thread with the buyer's messages and the shop's answers", async () => {
    const order = prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(promStore._id);
    const message = prom.addChatMessage({ body: 'Питання щодо замовлення', contextOrderId: order.id });
    await pollMessages(promStore);
    const card = await waitForCard(ADMIN.id, 'Питання щодо замовлення');
    bed.telegram.sendText(ADMIN, 'Відповідь щодо замовлення', { replyTo: card.message_id });
    const preview = await previewIn(ADMIN.id, card.message_id);
    bed.telegram.clickButton(ADMIN, preview, buttonData(preview, /Надіслати/));
    await bed.telegram.waitFor(() => promRepliesIn(message.roomIdent).length > 0, 8000);
    const stored = await bed.app.models.orders.findOne({ marketplaceOrderId: String(order.id) }).lean();
    await vi.waitFor(async () => {
      const thread = await bed.app.services.buyerMessages.threadForOrder(String(stored?._id));
      expect(thread.map((entry) => [entry.from, entry.text])).toEqual([
        ['buyer', 'Питання щодо замовлення'],
        ['shop', `Відповідь щодо замовлення\n\n${SIGNATURE}`],
      ]);
    });
    const threadDoc = await bed.app.models.messageThreads.findOne({ threadKey: message.roomIdent }).lean();
    expect(String(threadDoc?.orderId)).toBe(String(stored?._id));
    expect(threadDoc?.customerId).toEqual(stored?.customerId);
  });
});
