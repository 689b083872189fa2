import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import type { FakeMessage, FakeUser } from '#src/sandbox/fake-telegram/server.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, addManager, greetAdmin, MANAGER, startTestBed, type TestBed } from '#test/harness/app.js';
import { ask, buttonData, tap } from '#test/harness/chat.js';
import { tallyBadInputs } from '#test/harness/bad-input-tally.js';

const GROUP = -1009876543210;
const SECOND_MANAGER: FakeUser = { id: 2004, first_name: 'Богдан', language_code: 'uk' };
const PASTED_TOKEN = 'pasted-in-the-group-7f3a9c1e5b';
const PRIVATE_ONLY = /лише в особистому чаті/;

let bed: TestBed;
let prom: FakeProm;
let store: StoreRecord;

beforeAll(async () => {
  prom = await startFakeProm({ seed: 71 });
  bed = await startTestBed(import.meta.filename, { env: { PROM_API_URL: prom.url } });
  await greetAdmin(bed);
  await addManager(bed);
  await bed.app.models.users.create({
    telegramId: SECOND_MANAGER.id,
    name: 'Богдан',
    role: 'manager',
    allStores: true,
  });
  store = await bed.app.services.stores.create({
    name: 'Груповий Prom',
    credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
    pollIntervalSeconds: 1800,
  });
  await bed.app.models.stores.updateOne(
    { _id: store._id },
    { $set: { destinations: [{ chatId: GROUP, threadId: null, events: ['buyer_message'] }] } },
  );
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
});

const ADMIN_FLOWS = ['/connect', '/stores', '/users', '/invite', '/routing', '/backfill', '/products'];

describe('S1 secrets are asked for in private chats only', () => {
  it('every credential and admin flow started in a group is refused there in plain words; a token pasted after it is not taken', async () => {
    const storesBefore = await bed.app.models.stores.countDocuments();
    for (const command of ADMIN_FLOWS)
      await ask(bed.telegram, ADMIN, command, PRIVATE_ONLY, { chatId: GROUP });
    const menu = await ask(bed.telegram, ADMIN, '/stores', /Ваші магазини/);
    const taps = [buttonData(menu, /Підключити/), `sm:op:${String(store._id)}:`, 'ul', 'rl'];
    for (const data of taps) {
      const inGroup: FakeMessage = { ...menu, chat_id: GROUP };
      expect(await tap(bed.telegram, ADMIN, inGroup, data)).toMatch(PRIVATE_ONLY);
    }

    const before = bed.telegram.botMessages(GROUP).length;
    bed.telegram.sendText(ADMIN, PASTED_TOKEN, { chatId: GROUP });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const promptsInGroup = bed.telegram
      .botMessages(GROUP)
      .filter((m) => /токен|пароль|логін|маркетплейс/i.test(m.text) && !PRIVATE_ONLY.test(m.text));
    expect(promptsInGroup).toEqual([]);
    expect(bed.telegram.botMessages(GROUP).slice(before)).toEqual([]);
    expect(await bed.app.models.stores.countDocuments()).toBe(storesBefore);
    expect(await bed.app.models.secretInputs.countDocuments()).toBe(0);
    const states = await bed.app.models.conversationStates.find().lean();
    expect(states.filter((s) => s.json.includes(PASTED_TOKEN))).toEqual([]);
    tallyBadInputs({
      input:
        'credential and admin flows started in a group (commands and menu buttons), then a token pasted there',
      tried: ADMIN_FLOWS.length + taps.length + 1,
      leaked: promptsInGroup.length,
      changed: (await bed.app.models.stores.countDocuments()) - storesBefore,
    });
  });
});

describe('M2 dialogues in a group belong to one person each', () => {
  it("a manager's /cancel in the group does not end another manager's reply there", async () => {
    prom.addChatMessage({ body: 'Чи є доставка в Луцьк?' });
    await bed.app.services.buyerMessages.pollStore(store._id);
    const card = await bed.telegram.waitFor(
      () => bed.telegram.botMessages(GROUP).find((m) => m.text.includes('Луцьк') && m.reply_markup),
      8000,
    );
    bed.telegram.clickButton(MANAGER, card, buttonData(card, /Відповісти/));
    const prompt = await bed.telegram.waitFor(
      () => bed.telegram.botMessages(GROUP).find((m) => /Напишіть її одним повідомленням/.test(m.text)),
      8000,
    );
    await ask(bed.telegram, SECOND_MANAGER, '/cancel', /Скасовано|скасовано/, { chatId: GROUP });
    // the other manager's words in the group are not taken as the reply either
    bed.telegram.sendText(SECOND_MANAGER, 'Привіт усім', { chatId: GROUP });
    bed.telegram.sendText(MANAGER, 'Так, Новою поштою за 2 дні.', { chatId: GROUP });
    const preview = await bed.telegram.waitFor(
      () =>
        bed.telegram
          .botMessages(GROUP)
          .find((m) => m.message_id > prompt.message_id && /Надіслати/.test(JSON.stringify(m.reply_markup))),
      8000,
    );
    expect(preview.text).toContain('Новою поштою');
    expect(preview.text).not.toContain('Привіт усім');
  });
});
