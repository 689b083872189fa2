import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, STRANGER, startTestBed, type TestBed } from '#test/harness/app.js';

let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed(import.meta.filename);
});
afterAll(async () => {
  await bed?.close();
});

const lastBotText = (chatId: number) => bed.telegram.botMessages(chatId).at(-1)?.text;

describe('L1 languages — start, help and language', () => {
  it("greets an admin's /start in Ukrainian", async () => {
    bed.telegram.sendText(ADMIN, '/start');
    const text = await bed.telegram.waitFor(() => lastBotText(ADMIN.id));
    expect(text).toContain('Вітаю, Олена!');
  });

  it('publishes the command menu in both languages', () => {
    const menus = bed.telegram.calls.filter((call) => call.method === 'setMyCommands');
    const languages = menus.map((call) => call.payload.language_code ?? 'default');
    expect(languages).toEqual(expect.arrayContaining(['default', 'uk', 'en']));
    const english = menus.find((call) => call.payload.language_code === 'en');
    expect(JSON.stringify(english?.payload.commands)).toContain('Interface language');
  });

  it('switches to English with /language and keeps it after a restart', async () => {
    bed.telegram.sendText(ADMIN, '/language');
    const menu = await bed.telegram.waitFor(() =>
      bed.telegram.botMessages(ADMIN.id).find((m) => m.reply_markup && m.text.includes('Оберіть мову')),
    );
    const english = menu.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes('English'));
    expect(english && 'callback_data' in english).toBe(true);
    bed.telegram.clickButton(ADMIN, menu, (english as { callback_data: string }).callback_data);
    await bed.telegram.waitFor(() =>
      bed.telegram.messages(ADMIN.id).find((m) => m.text.includes('I speak English')),
    );

    await bed.restart();
    bed.telegram.sendText(ADMIN, '/help');
    const help = await bed.telegram.waitFor(() =>
      lastBotText(ADMIN.id)?.includes('What I can do') ? true : null,
    );
    expect(help).toBe(true);
  });
});

describe('S5 users and roles — strangers', () => {
  it('gives a stranger one polite refusal and nothing else', async () => {
    bed.telegram.sendText(STRANGER, '/start');
    bed.telegram.sendText(STRANGER, 'hello?');
    await bed.telegram.waitFor(() => bed.telegram.botMessages(STRANGER.id).length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const texts = bed.telegram.botMessages(STRANGER.id).map((m) => m.text);
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text).toMatch(/^Вибачте, цей бот працює лише для команди магазину/);
  });

  it('answers a stranger pressing a button with the refusal and no action', async () => {
    bed.telegram.sendText(ADMIN, '/language');
    const menu = await bed.telegram.waitFor(() =>
      bed.telegram.botMessages(ADMIN.id).find((m) => m.reply_markup),
    );
    const update = bed.telegram.clickButton(STRANGER, menu, 'lang:uk');
    await bed.telegram.waitFor(() =>
      bed.telegram.callbackAnswers.find((a) => a.callbackQueryId === update.callback_query?.id),
    );
    const answer = bed.telegram.callbackAnswers.find((a) => a.callbackQueryId === update.callback_query?.id);
    expect(answer?.text).toContain('Вибачте');
    const user = await bed.app.models.users.findOne({ telegramId: STRANGER.id }).lean();
    expect(user).toBeNull();
  });
});

describe('J5 bursts — Telegram 429', () => {
  it('waits out retry_after and still delivers the message', async () => {
    bed.telegram.faults.failNext({ kind: 'rate_limit', retryAfterSeconds: 1, pathIncludes: '/sendMessage' });
    const before = bed.telegram.botMessages(ADMIN.id).length;
    const sentAt = Date.now();
    bed.telegram.sendText(ADMIN, '/help');
    await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length > before, 8000);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(900);
    const attempts = bed.telegram.calls.filter((c) => c.method === 'sendMessage' && c.at >= sentAt);
    expect(attempts).toHaveLength(2);
  });
});
