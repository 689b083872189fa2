import type { InlineKeyboardMarkup, Update, UserFromGetMe } from 'grammy/types';
import { createFaultInjector, type Fault, type FaultInjector } from '#src/sandbox/faults.js';
import {
  FakeRouter,
  startFakeServer,
  type FakeRequest,
  type FakeResponse,
} from '#src/sandbox/http-server.js';
import { parseTelegramHtml } from '#src/sandbox/fake-telegram/html.js';
import { parseMultipart } from '#src/sandbox/fake-telegram/multipart.js';

/**
 * A local stand-in for the Telegram Bot API: the real bot talks to it over HTTP through
 * grammY's `apiRoot`. It keeps what every chat shows, enforces the limits that matter
 * (4096 chars, 64-byte callback data, HTML parsing, "message is not modified"), and can
 * answer with 429 / 5xx / no answer at all, or 403 for a user who blocked the bot.
 */

export interface FakeUser {
  id: number;
  first_name: string;
  username?: string;
  language_code?: string;
}

export interface FakeMessage {
  message_id: number;
  chat_id: number;
  thread_id: number | null;
  from_bot: boolean;
  /** what the user sees (HTML already rendered to text) */
  text: string;
  html: string | null;
  reply_markup: InlineKeyboardMarkup | null;
  reply_to_message_id: number | null;
  document: { filename: string; data: Buffer } | null;
  /** an uploaded photo (PNG), with the size read from its header */
  photo: { data: Buffer; width: number; height: number } | null;
  silent: boolean;
  edits: number;
  deleted: boolean;
}

export interface ApiCall {
  method: string;
  chatId: number | null;
  at: number;
  payload: Record<string, unknown>;
  /** the fault answered instead (429, 502, a timeout): the call did nothing */
  fault?: Fault['kind'];
}

export interface FakeTelegram {
  url: string;
  botInfo: UserFromGetMe;
  close(): Promise<void>;
  /**
   * Failure injection shared with the marketplace fakes; `pathIncludes: '/sendMessage'` aims
   * at one method, `setRate(rate, kinds, ['/sendMessage', …])` at a few. Answers are shaped like Telegram's (429 carries `retry_after`).
   */
  readonly faults: FaultInjector;
  readonly calls: ApiCall[];
  readonly callbackAnswers: { callbackQueryId: string; text: string | null }[];
  /** getUpdates calls refused with 409 because another long poll was open */
  readonly conflicts: number;
  sendText(
    from: FakeUser,
    text: string,
    options?: { chatId?: number; replyTo?: number; threadId?: number },
  ): Update;
  clickButton(from: FakeUser, message: FakeMessage, data: string): Update;
  /** the messages a chat shows, oldest first (deleted ones left out) */
  messages(chatId: number): FakeMessage[];
  botMessages(chatId: number): FakeMessage[];
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** the highest number of calls to one chat within any one-second window */
  peakCallsPerSecond(chatId: number): number;
  /**
   * The user blocks the bot: every call aimed at their private chat is refused with 403, as
   * Telegram does, until `unblockChat`. Their own messages still reach the bot (in Telegram,
   * unblocking and pressing Start does that).
   */
  blockChat(chatId: number): void;
  unblockChat(chatId: number): void;
}

/** the methods that put something in a chat (what `peakCallsPerSecond` and chaos runs aim at) */
export const SEND_METHODS: ReadonlySet<string> = new Set([
  'sendMessage',
  'editMessageText',
  'editMessageReplyMarkup',
  'sendDocument',
  'sendPhoto',
  'deleteMessage',
]);

const ok = (result: unknown): FakeResponse => ({ json: { ok: true, result } });
const fail = (code: number, description: string, parameters?: object): FakeResponse => ({
  status: code,
  json: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
});

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}

function num(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

function parseMarkup(value: unknown): InlineKeyboardMarkup | null {
  if (value === undefined || value === null || value === '') return null;
  const markup =
    typeof value === 'string' ? (JSON.parse(value) as InlineKeyboardMarkup) : (value as InlineKeyboardMarkup);
  return markup.inline_keyboard ? markup : null;
}

function markupProblem(markup: InlineKeyboardMarkup | null): string | null {
  for (const row of markup?.inline_keyboard ?? []) {
    for (const button of row) {
      if ('callback_data' in button) {
        const bytes = Buffer.byteLength(button.callback_data ?? '', 'utf8');
        if (bytes < 1 || bytes > 64) return 'Bad Request: BUTTON_DATA_INVALID';
      }
      if (!button.text) return 'Bad Request: text buttons are unallowed in the inline keyboard';
    }
  }
  return null;
}

function telegramFaultResponse(fault: Fault): FakeResponse | Promise<FakeResponse> {
  switch (fault.kind) {
    case 'timeout':
      return new Promise<FakeResponse>(() => undefined);
    case 'reset':
      return { reset: true };
    case 'http400':
      return fail(400, 'Bad Request: chat not found');
    case 'rate_limit': {
      const retryAfter = fault.retryAfterSeconds ?? 1;
      return fail(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    case 'html':
      return {
        status: 502,
        text: '<html><body><h1>502 Bad Gateway</h1></body></html>',
        contentType: 'text/html',
      };
    case 'malformed_json':
      return { status: 200, text: '{"ok": true, "result": {', contentType: 'application/json' };
    default:
      return fail(Number(fault.kind.slice(4)), 'Bad Gateway');
  }
}

const blockedByUser = () => fail(403, 'Forbidden: bot was blocked by the user');

/** Bot API upload limit for bots (https://core.telegram.org/bots/api#senddocument). */
export const BOT_API_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
/**
 * An uploaded photo: at most 10 MB, width + height at most 10 000, sides at most 20:1
 * (https://core.telegram.org/bots/api#sendphoto); Telegram names the refusals
 * PHOTO_SAVE_FILE_INVALID and PHOTO_INVALID_DIMENSIONS.
 */
export const BOT_API_PHOTO_LIMIT_BYTES = 10 * 1024 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk; null for anything else (this fake reads PNG only). */
function pngSize(data: Buffer): { width: number; height: number } | null {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (data.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

function photoProblem(data: Buffer): string | null {
  if (data.length > BOT_API_PHOTO_LIMIT_BYTES) return 'Bad Request: PHOTO_SAVE_FILE_INVALID';
  const size = pngSize(data);
  if (!size || size.width === 0 || size.height === 0) return 'Bad Request: IMAGE_PROCESS_FAILED';
  const ratio = Math.max(size.width, size.height) / Math.min(size.width, size.height);
  if (size.width + size.height > 10_000 || ratio > 20) return 'Bad Request: PHOTO_INVALID_DIMENSIONS';
  return null;
}

export async function startFakeTelegram(
  options: {
    port?: number;
    botInfo?: Partial<UserFromGetMe>;
    maxLongPollMs?: number;
    /** tests lower it to exercise the refusal without building a 50 MB file */
    maxUploadBytes?: number;
    /** the bot's token: calls with another get 401 Unauthorized, as from the real API (default: any) */
    token?: string;
  } = {},
): Promise<FakeTelegram> {
  const botInfo: UserFromGetMe = {
    id: 7000000001,
    is_bot: true,
    first_name: 'MarketDesk',
    username: 'marketdesk_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    ...options.botInfo,
  } as UserFromGetMe;
  const maxLongPollMs = options.maxLongPollMs ?? 25_000;
  const maxUploadBytes = options.maxUploadBytes ?? BOT_API_UPLOAD_LIMIT_BYTES;
  const chats = new Map<number, FakeMessage[]>();
  const calls: ApiCall[] = [];
  const callbackAnswers: FakeTelegram['callbackAnswers'] = [];
  const updates: Update[] = [];
  const waiters = new Set<() => void>();
  const faults = createFaultInjector();
  const blockedChats = new Set<number>();
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let nextCallbackId = 1;
  const now = () => Math.floor(Date.now() / 1000);

  const chatMessages = (chatId: number) => {
    let list = chats.get(chatId);
    if (!list) chats.set(chatId, (list = []));
    return list;
  };
  const findMessage = (chatId: number, messageId: number) =>
    chatMessages(chatId).find((m) => m.message_id === messageId && !m.deleted);

  const pushUpdate = (update: Omit<Update, 'update_id'>): Update => {
    const full = { update_id: nextUpdateId++, ...update } as Update;
    updates.push(full);
    for (const wake of [...waiters]) wake();
    return full;
  };

  const chatOf = (chatId: number) =>
    chatId > 0
      ? { id: chatId, type: 'private' as const, first_name: 'User' }
      : { id: chatId, type: 'supergroup' as const, title: 'Shop team', is_forum: true };

  const toTelegramMessage = (message: FakeMessage) => ({
    message_id: message.message_id,
    date: now(),
    chat: chatOf(message.chat_id),
    ...(message.from_bot ? { from: { id: botInfo.id, is_bot: true, first_name: botInfo.first_name } } : {}),
    ...(message.thread_id ? { message_thread_id: message.thread_id, is_topic_message: true } : {}),
    ...(message.document
      ? {
          document: {
            file_id: `doc-${message.message_id}`,
            file_unique_id: `u${message.message_id}`,
            file_name: message.document.filename,
          },
        }
      : message.photo
        ? {
            photo: [
              {
                file_id: `photo-${message.message_id}`,
                file_unique_id: `p${message.message_id}`,
                width: message.photo.width,
                height: message.photo.height,
                file_size: message.photo.data.length,
              },
            ],
          }
        : { text: message.text }),
    ...((message.document || message.photo) && message.text ? { caption: message.text } : {}),
    ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
  });

  function renderText(payload: Record<string, unknown>, field: 'text' | 'caption') {
    const raw = str(payload[field]) ?? '';
    if (payload.parse_mode === 'HTML') {
      const parsed = parseTelegramHtml(raw);
      if (!parsed.ok) return { error: `Bad Request: can't parse entities: ${parsed.error}` };
      return { text: parsed.text, html: raw };
    }
    return { text: raw, html: null };
  }

  /** the Bot API serves one getUpdates at a time per bot; a second poller is refused */
  let polling = false;
  let conflicts = 0;

  async function getUpdates(
    payload: Record<string, unknown>,
    signalClosed: () => boolean,
    hangUp: AbortSignal,
  ): Promise<FakeResponse> {
    if (polling) {
      conflicts++;
      return fail(
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      );
    }
    polling = true;
    try {
      return await longPoll(payload, signalClosed, hangUp);
    } finally {
      polling = false;
    }
  }

  async function longPoll(
    payload: Record<string, unknown>,
    signalClosed: () => boolean,
    hangUp: AbortSignal,
  ): Promise<FakeResponse> {
    const offset = num(payload.offset) ?? 0;
    const timeoutMs = Math.min((num(payload.timeout) ?? 0) * 1000, maxLongPollMs);
    if (offset > 0) {
      while (updates.length > 0 && (updates[0] as Update).update_id < offset) updates.shift();
    }
    if (updates.length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          hangUp.removeEventListener('abort', wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        waiters.add(wake);
        hangUp.addEventListener('abort', wake);
      });
    }
    if (signalClosed() || hangUp.aborted) return ok([]);
    const limit = num(payload.limit) ?? 100;
    return ok(updates.slice(0, limit));
  }

  const methods: Record<
    string,
    (payload: Record<string, unknown>, request: FakeRequest) => FakeResponse | Promise<FakeResponse>
  > = {
    getMe: () => ok(botInfo),
    getUpdates: (p, request) => getUpdates(p, () => closed, request.signal),
    deleteWebhook: () => ok(true),
    setWebhook: () => ok(true),
    setMyCommands: () => ok(true),
    sendChatAction: () => ok(true),
    answerCallbackQuery: (p) => {
      callbackAnswers.push({ callbackQueryId: str(p.callback_query_id) ?? '', text: str(p.text) });
      return ok(true);
    },
    sendMessage: (p) => {
      const chatId = num(p.chat_id);
      if (chatId === null) return fail(400, 'Bad Request: chat not found');
      const rendered = renderText(p, 'text');
      if ('error' in rendered) return fail(400, rendered.error as string);
      if (rendered.text.trim().length === 0) return fail(400, 'Bad Request: message text is empty');
      if (rendered.text.length > 4096) return fail(400, 'Bad Request: message is too long');
      const markup = parseMarkup(p.reply_markup);
      const problem = markupProblem(markup);
      if (problem) return fail(400, problem);
      const replyParameters =
        typeof p.reply_parameters === 'string' ? JSON.parse(p.reply_parameters) : p.reply_parameters;
      const message: FakeMessage = {
        message_id: nextMessageId++,
        chat_id: chatId,
        thread_id: num(p.message_thread_id),
        from_bot: true,
        text: rendered.text,
        html: rendered.html,
        reply_markup: markup,
        reply_to_message_id: num((replyParameters as { message_id?: unknown } | undefined)?.message_id),
        document: null,
        photo: null,
        silent: p.disable_notification === true || p.disable_notification === 'true',
        edits: 0,
        deleted: false,
      };
      chatMessages(chatId).push(message);
      return ok(toTelegramMessage(message));
    },
    editMessageText: (p) => {
      const message = findMessage(num(p.chat_id) ?? 0, num(p.message_id) ?? 0);
      if (!message) return fail(400, 'Bad Request: message to edit not found');
      const rendered = renderText(p, 'text');
      if ('error' in rendered) return fail(400, rendered.error as string);
      if (rendered.text.length > 4096) return fail(400, 'Bad Request: MESSAGE_TOO_LONG');
      const markup = parseMarkup(p.reply_markup);
      const problem = markupProblem(markup);
      if (problem) return fail(400, problem);
      if (message.text === rendered.text && JSON.stringify(message.reply_markup) === JSON.stringify(markup)) {
        return fail(
          400,
          'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        );
      }
      Object.assign(message, {
        text: rendered.text,
        html: rendered.html,
        reply_markup: markup,
        edits: message.edits + 1,
      });
      return ok(toTelegramMessage(message));
    },
    editMessageReplyMarkup: (p) => {
      const message = findMessage(num(p.chat_id) ?? 0, num(p.message_id) ?? 0);
      if (!message) return fail(400, 'Bad Request: message to edit not found');
      const markup = parseMarkup(p.reply_markup);
      const problem = markupProblem(markup);
      if (problem) return fail(400, problem);
      Object.assign(message, { reply_markup: markup, edits: message.edits + 1 });
      return ok(toTelegramMessage(message));
    },
    deleteMessage: (p) => {
      const message = findMessage(num(p.chat_id) ?? 0, num(p.message_id) ?? 0);
      if (!message) return fail(400, 'Bad Request: message to delete not found');
      message.deleted = true;
      return ok(true);
    },
    sendDocument: (p, request) => {
      // the real API answers an oversized upload with 413 before reading the request
      if (request.rawBody.length > maxUploadBytes) return fail(413, 'Request Entity Too Large');
      const parts = parseMultipart(request.rawBody, String(request.headers['content-type'] ?? ''));
      const field = (name: string) => parts.find((part) => part.name === name);
      const chatId = num(field('chat_id')?.data.toString('utf8') ?? p.chat_id);
      if (chatId === null) return fail(400, 'Bad Request: chat not found');
      if (blockedChats.has(chatId)) return blockedByUser();
      const file = parts.find((part) => part.filename !== null);
      if (!file) return fail(400, 'Bad Request: there is no document in the request');
      const caption = renderText(
        {
          caption: field('caption')?.data.toString('utf8'),
          parse_mode: field('parse_mode')?.data.toString('utf8'),
        },
        'caption',
      );
      if ('error' in caption) return fail(400, caption.error as string);
      if (caption.text.length > 1024) return fail(400, 'Bad Request: message caption is too long');
      const message: FakeMessage = {
        message_id: nextMessageId++,
        chat_id: chatId,
        thread_id: num(field('message_thread_id')?.data.toString('utf8')),
        from_bot: true,
        text: caption.text,
        html: caption.html,
        reply_markup: null,
        reply_to_message_id: null,
        document: { filename: file.filename ?? 'file', data: Buffer.from(file.data) },
        photo: null,
        silent: false,
        edits: 0,
        deleted: false,
      };
      chatMessages(chatId).push(message);
      return ok(toTelegramMessage(message));
    },
    sendPhoto: (p, request) => {
      if (request.rawBody.length > maxUploadBytes) return fail(413, 'Request Entity Too Large');
      const parts = parseMultipart(request.rawBody, String(request.headers['content-type'] ?? ''));
      const field = (name: string) => parts.find((part) => part.name === name);
      const value = (name: string) => field(name)?.data.toString('utf8');
      const chatId = num(value('chat_id') ?? p.chat_id);
      if (chatId === null) return fail(400, 'Bad Request: chat not found');
      if (blockedChats.has(chatId)) return blockedByUser();
      // the file in the `photo` part itself, or (grammY) in the part `photo` names as attach://<name>
      const named = field('photo');
      const attached = /^attach:\/\/(.+)$/.exec(named?.filename === null ? (value('photo') ?? '') : '');
      const file = attached ? field(attached[1] as string) : named;
      if (!file || file.filename === null)
        return fail(400, 'Bad Request: wrong file identifier/HTTP URL specified');
      const problem = photoProblem(file.data);
      if (problem) return fail(400, problem);
      const caption = renderText({ caption: value('caption'), parse_mode: value('parse_mode') }, 'caption');
      if ('error' in caption) return fail(400, caption.error as string);
      if (caption.text.length > 1024) return fail(400, 'Bad Request: message caption is too long');
      const replyTo = value('reply_parameters');
      const message: FakeMessage = {
        message_id: nextMessageId++,
        chat_id: chatId,
        thread_id: num(value('message_thread_id')),
        from_bot: true,
        text: caption.text,
        html: caption.html,
        reply_markup: null,
        reply_to_message_id: replyTo
          ? num((JSON.parse(replyTo) as { message_id?: unknown }).message_id)
          : null,
        document: null,
        photo: { data: Buffer.from(file.data), ...(pngSize(file.data) as { width: number; height: number }) },
        silent: value('disable_notification') === 'true',
        edits: 0,
        deleted: false,
      };
      chatMessages(chatId).push(message);
      return ok(toTelegramMessage(message));
    },
  };

  const router = new FakeRouter().on('POST', '/bot:token/:method', async (request) => {
    const method = request.params.method ?? '';
    const handler = methods[method];
    const token = request.params.token ?? '';
    if (!/^\d+:[\w-]+$/.test(token) || (options.token && token !== options.token))
      return fail(401, 'Unauthorized');
    if (!handler) return fail(404, 'Not Found: method not found');
    const payload = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
      string,
      unknown
    >;
    const chatId = num(payload.chat_id);
    const call: ApiCall = { method, chatId, at: Date.now(), payload };
    calls.push(call);
    const fault = faults.take(`/${method}`);
    if (fault) {
      call.fault = fault.kind;
      return telegramFaultResponse(fault);
    }
    if (chatId !== null && blockedChats.has(chatId)) return blockedByUser();
    return handler(payload, request);
  });

  let closed = false;
  const server = await startFakeServer({ router, port: options.port });

  return {
    url: server.url,
    botInfo,
    calls,
    callbackAnswers,
    get conflicts() {
      return conflicts;
    },
    async close() {
      closed = true;
      for (const wake of [...waiters]) wake();
      await server.close();
    },
    faults,
    sendText(from, text, { chatId = from.id, replyTo, threadId } = {}) {
      const message: FakeMessage = {
        message_id: nextMessageId++,
        chat_id: chatId,
        thread_id: threadId ?? null,
        from_bot: false,
        text,
        html: null,
        reply_markup: null,
        reply_to_message_id: replyTo ?? null,
        document: null,
        photo: null,
        silent: false,
        edits: 0,
        deleted: false,
      };
      chatMessages(chatId).push(message);
      const repliedTo = replyTo ? findMessage(chatId, replyTo) : undefined;
      const command = /^\/\w+/.exec(text);
      return pushUpdate({
        message: {
          message_id: message.message_id,
          date: now(),
          chat: chatOf(chatId),
          from: { is_bot: false, ...from },
          text,
          ...(threadId ? { message_thread_id: threadId, is_topic_message: true } : {}),
          ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
          ...(repliedTo ? { reply_to_message: toTelegramMessage(repliedTo) } : {}),
        },
      } as Omit<Update, 'update_id'>);
    },
    clickButton(from, message, data) {
      return pushUpdate({
        callback_query: {
          id: String(nextCallbackId++),
          from: { is_bot: false, ...from },
          chat_instance: `ci${message.chat_id}`,
          data,
          message: toTelegramMessage(message),
        },
      } as Omit<Update, 'update_id'>);
    },
    messages: (chatId) => chatMessages(chatId).filter((m) => !m.deleted),
    botMessages: (chatId) => chatMessages(chatId).filter((m) => !m.deleted && m.from_bot),
    async waitFor(probe, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error('fake Telegram: waited too long');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    peakCallsPerSecond(chatId) {
      const times = calls.filter((c) => c.chatId === chatId && SEND_METHODS.has(c.method)).map((c) => c.at);
      let peak = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while ((times[i] as number) - (times[j] as number) >= 1000) j++;
        peak = Math.max(peak, i - j + 1);
      }
      return peak;
    },
    blockChat(chatId) {
      // only a user can block a bot; a group removes it instead
      if (chatId <= 0) throw new Error('fake Telegram: only a private chat blocks the bot');
      blockedChats.add(chatId);
    },
    unblockChat(chatId) {
      blockedChats.delete(chatId);
    },
  };
}
