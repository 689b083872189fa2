import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { InlineKeyboardButton } from 'grammy/types';
import type { FakeMessage, FakeTelegram, FakeUser } from '#src/sandbox/fake-telegram/server.js';

/**
 * The sandbox's chat in a terminal: what the fake Telegram shows in one user's private chat is
 * printed (new messages, edits as edits, deletions), each button with a number; a typed line is
 * sent to the bot as that user's message, and a typed number taps the button with that number.
 */
export interface TerminalChat {
  /** prints what changed since the last look (it also runs by itself every `refreshMs`) */
  refresh(): Promise<void>;
  stop(): void;
}

export interface TerminalChatOptions {
  telegram: FakeTelegram;
  user: FakeUser;
  input: Readable;
  output: Writable;
  /** documents the bot sends are saved here so they can be opened */
  filesDir: string;
  refreshMs?: number;
}

interface Shown {
  look: string;
  /** the numbers given to this message's buttons the last time it was printed */
  numbers: number[];
}

interface Tappable {
  message: FakeMessage;
  data: string;
}

const TEXT_PREFIX = "'";

export const TERMINAL_CHAT_HINT =
  "This terminal is the admin's Telegram chat: type a message or a command (try /help) and press Enter; " +
  `type a button's number to tap it; to send a number as text, start it with ${TEXT_PREFIX} (e.g. ${TEXT_PREFIX}30).`;

const lookOf = (message: FakeMessage) =>
  JSON.stringify([message.text, message.reply_markup, message.document?.filename ?? null]);

export function startTerminalChat(options: TerminalChatOptions): TerminalChat {
  const { telegram, user, output } = options;
  const chatId = user.id;
  const shown = new Map<number, Shown>();
  const buttons = new Map<number, Tappable>();
  let nextNumber = 1;
  let answersSeen = telegram.callbackAnswers.length;
  let printing = Promise.resolve();

  const write = (text: string) => output.write(`${text}\n`);

  const describeButton = (button: InlineKeyboardButton, message: FakeMessage): string => {
    if ('callback_data' in button && button.callback_data) {
      const number = nextNumber++;
      buttons.set(number, { message, data: button.callback_data });
      return `[${number}] ${button.text}`;
    }
    if ('url' in button && button.url) return `[link] ${button.text}: ${button.url}`;
    return `[—] ${button.text}`;
  };

  const printMessage = async (message: FakeMessage, heading: string) => {
    for (const old of shown.get(message.message_id)?.numbers ?? []) buttons.delete(old);
    const first = nextNumber;
    const lines = [`── ${heading} ${'─'.repeat(Math.max(3, 40 - heading.length))}`];
    if (message.document) {
      await mkdir(options.filesDir, { recursive: true });
      const file = path.join(options.filesDir, path.basename(message.document.filename));
      await writeFile(file, message.document.data);
      lines.push(`📎 ${message.document.filename} (${message.document.data.length} bytes), saved as ${file}`);
    }
    if (message.photo) {
      await mkdir(options.filesDir, { recursive: true });
      const file = path.join(options.filesDir, `photo-${message.message_id}.png`);
      await writeFile(file, message.photo.data);
      lines.push(`🖼 ${message.photo.width}×${message.photo.height} picture, saved as ${file}`);
    }
    if (message.text) lines.push(message.text);
    for (const row of message.reply_markup?.inline_keyboard ?? []) {
      if (row.length === 0) continue;
      lines.push(`   ${row.map((button) => describeButton(button, message)).join('   ')}`);
    }
    const numbers = Array.from({ length: nextNumber - first }, (_, i) => first + i);
    shown.set(message.message_id, { look: lookOf(message), numbers });
    write(lines.join('\n'));
  };

  const printChanges = async () => {
    const messages = telegram.botMessages(chatId);
    const present = new Set(messages.map((m) => m.message_id));
    for (const [id, entry] of shown) {
      if (present.has(id)) continue;
      for (const old of entry.numbers) buttons.delete(old);
      shown.delete(id);
      write(`── the bot deleted message ${id} ──`);
    }
    for (const message of messages) {
      const before = shown.get(message.message_id);
      if (!before) {
        const reply = message.reply_to_message_id ? `, in reply to ${message.reply_to_message_id}` : '';
        await printMessage(message, `bot, message ${message.message_id}${reply}`);
      } else if (before.look !== lookOf(message)) {
        await printMessage(message, `bot EDITED message ${message.message_id}`);
      }
    }
    for (const answer of telegram.callbackAnswers.slice(answersSeen)) {
      if (answer.text) write(`(pop-up) ${answer.text}`);
    }
    answersSeen = telegram.callbackAnswers.length;
  };

  // one print at a time, so a timer tick and an explicit refresh never number the same card twice
  const refresh = () =>
    (printing = printing
      .then(printChanges)
      .catch((error: unknown) => void write(`(could not show a message: ${String(error)})`)));

  const handleLine = (line: string) => {
    const typed = line.trim();
    if (typed === '') return;
    if (/^\d+$/.test(typed)) {
      const button = buttons.get(Number(typed));
      if (!button) {
        write(
          `(there is no button [${typed}] on screen; to send the number as text, type ${TEXT_PREFIX}${typed})`,
        );
        return;
      }
      telegram.clickButton(user, button.message, button.data);
      return;
    }
    telegram.sendText(user, typed.startsWith(TEXT_PREFIX) ? typed.slice(TEXT_PREFIX.length) : typed);
  };

  const lines = createInterface({ input: options.input, terminal: false });
  lines.on('line', handleLine);
  const timer = setInterval(() => void refresh(), options.refreshMs ?? 200);

  return {
    refresh,
    stop() {
      clearInterval(timer);
      lines.close();
    },
  };
}
