import type { FakeMessage, FakeTelegram, FakeUser } from '#src/sandbox/fake-telegram/server.js';

/** The callback data of the first button whose label matches. */
export function buttonData(message: FakeMessage, label: RegExp): string {
  const button = message.reply_markup?.inline_keyboard.flat().find((b) => label.test(b.text));
  if (!button || !('callback_data' in button)) throw new Error(`no button ${label} under "${message.text}"`);
  return button.callback_data as string;
}

export const hasButton = (message: FakeMessage, label: RegExp) =>
  Boolean(message.reply_markup?.inline_keyboard.flat().some((b) => label.test(b.text)));

/** Sends a message and waits for the bot's next message in that chat that matches. */
export async function ask(
  telegram: FakeTelegram,
  from: FakeUser,
  text: string,
  expected: RegExp,
  options: { chatId?: number; threadId?: number } = {},
): Promise<FakeMessage> {
  const chatId = options.chatId ?? from.id;
  const before = telegram.botMessages(chatId).length;
  telegram.sendText(from, text, options);
  return telegram.waitFor(() =>
    telegram
      .botMessages(chatId)
      .slice(before)
      .find((m) => expected.test(m.text)),
  );
}

/** Taps a button and waits for Telegram's answer to that tap; returns the answer's text. */
export async function tap(
  telegram: FakeTelegram,
  from: FakeUser,
  message: FakeMessage,
  labelOrData: RegExp | string,
): Promise<string | null> {
  const data = typeof labelOrData === 'string' ? labelOrData : buttonData(message, labelOrData);
  const update = telegram.clickButton(from, message, data);
  const answer = await telegram.waitFor(
    () => telegram.callbackAnswers.find((a) => a.callbackQueryId === update.callback_query?.id),
    8000,
  );
  return answer.text;
}

/**
 * Drives one person's private chat with the bot: say, tap, and wait for what the bot
 * sends after the last step (menus are edited in place, so taps wait for their button).
 */
export function chatDriver(telegram: () => FakeTelegram, user: FakeUser) {
  let seen = 0;
  const markSeen = () => (seen = telegram().botMessages(user.id).length);

  async function tapData(message: FakeMessage, data: string, by: FakeUser = user) {
    markSeen();
    const click = telegram().clickButton(by, message, data);
    return telegram().waitFor(
      () => telegram().callbackAnswers.find((a) => a.callbackQueryId === click.callback_query?.id),
      8000,
    );
  }

  return {
    buttonData,
    hasButton,
    tapData,
    say(text: string) {
      markSeen();
      return telegram().sendText(user, text);
    },
    /** a bot message sent after the last say/tap whose text matches */
    waitForText: (pattern: RegExp) =>
      telegram().waitFor(
        () =>
          telegram()
            .botMessages(user.id)
            .slice(seen)
            .find((m) => pattern.test(m.text)),
        8000,
      ),
    lastBotMessage: () => telegram().botMessages(user.id).at(-1) as FakeMessage,
    async tap(message: FakeMessage, label: RegExp, by: FakeUser = user) {
      await telegram().waitFor(() => hasButton(message, label), 8000);
      return tapData(message, buttonData(message, label), by);
    },
  };
}

/**
 * S1 through the chat: /connect, the marketplace, the store's name, then each answer typed (a
 * string) or tapped (a button's text) once its prompt shows; resolves when the store is connected.
 */
export async function connectThroughChat(
  admin: ReturnType<typeof chatDriver>,
  marketplace: RegExp,
  name: string,
  answers: [RegExp, string | RegExp][],
): Promise<void> {
  admin.say('/connect');
  await admin.tap(await admin.waitForText(/Оберіть маркетплейс/), marketplace);
  await admin.waitForText(/Як назвати магазин/);
  admin.say(name);
  for (const [prompt, answer] of answers) {
    const message = await admin.waitForText(prompt);
    if (typeof answer === 'string') admin.say(answer);
    else await admin.tap(message, answer);
  }
  await admin.waitForText(new RegExp(`Магазин «${name}» підключено`));
}
