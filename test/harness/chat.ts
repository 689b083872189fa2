import type { FakeMessage, FakeTelegram, FakeUser } from '#src/sandbox/fake-telegram/server.js';

/**
 * Drives one person's private chat with the bot: say, tap, and wait for what the bot
 * sends after the last step (menus are edited in place, so taps wait for their button).
 */
export function chatDriver(telegram: () => FakeTelegram, user: FakeUser) {
  let seen = 0;
  const markSeen = () => (seen = telegram().botMessages(user.id).length);

  const findButton = (message: FakeMessage, label: RegExp) =>
    message.reply_markup?.inline_keyboard.flat().find((b) => label.test(b.text));

  const buttonData = (message: FakeMessage, label: RegExp) => {
    const button = findButton(message, label);
    if (!button || !('callback_data' in button)) throw new Error(`no button ${label} in "${message.text}"`);
    return button.callback_data as string;
  };

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
    hasButton: (message: FakeMessage, label: RegExp) => findButton(message, label) !== undefined,
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
      await telegram().waitFor(() => findButton(message, label), 8000);
      return tapData(message, buttonData(message, label), by);
    },
  };
}
