import { createHash } from 'node:crypto';
import { GrammyError, InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Types } from 'mongoose';
import { z } from 'zod';
import type { Models } from '#src/db/models/index.js';
import type { OutboxDoc } from '#src/db/models/outbox.js';
import type { Logger } from '#src/logger.js';

export interface RenderedMessage {
  text: string;
  replyMarkup: InlineKeyboardMarkup;
  /** a new card is sent as a reply to this message (later messages of one buyer thread) */
  replyToMessageId?: number | null;
  /** HTML parts sent once, as replies to the card, when the subject does not fit one message */
  continuation?: string[];
}

export type OutboxEntry = OutboxDoc & { _id: Types.ObjectId };

/** Renders what an outbox request should show now; null when its subject no longer exists. */
export type OutboxRenderer = (entry: OutboxEntry) => Promise<RenderedMessage | null>;

/** J5: renders one message standing for the new cards of many orders; null when none exist. */
export type DigestRenderer = (orderIds: Types.ObjectId[], chatId: number) => Promise<RenderedMessage | null>;

/** a file that Telegram refuses as too large: what to send instead */
export type TooLargeRenderer = (entry: OutboxEntry, caption: string | undefined) => Promise<string>;

/** The Bot API refuses uploads over 50 MB (https://core.telegram.org/bots/api#senddocument). */
export const TELEGRAM_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

const fileAboutSchema = z.object({
  method: z.enum(['document', 'photo']),
  filename: z.string(),
  caption: z.string().optional(),
  parseMode: z.literal('HTML').optional(),
});
const progressSchema = z.object({ messageId: z.number().int(), text: z.string() });

const hashOf = (message: RenderedMessage) =>
  createHash('sha1').update(message.text).update(JSON.stringify(message.replyMarkup)).digest('hex');

const descriptionMatches = (error: unknown, pattern: RegExp) =>
  error instanceof GrammyError && error.error_code === 400 && pattern.test(error.description);
const notModified = (error: unknown) => descriptionMatches(error, /message is not modified/i);
const messageIsGone = (error: unknown) =>
  descriptionMatches(error, /message to edit not found|message can't be edited|MESSAGE_ID_INVALID/i);

/**
 * The still pending requests among `entries` (all of one chat). The equalities narrow the write
 * to the chat's pending requests: FerretDB v1 reads the whole outbox for a filter on `$in` alone.
 */
export const pendingAmong = (entries: OutboxEntry[]) => ({
  chatId: entries[0]?.chatId,
  pending: true,
  _id: { $in: entries.map((entry) => entry._id) },
});

/** a record of a sent message is retried this long: well within the chat's mailbox claim (45 s) */
const RECORD_PATIENCE_MS = 30_000;
/** and at least this often, so it lands within a second of the database coming back */
const RECORD_RETRY_MAX_DELAY_MS = 1000;

/**
 * A write that records what Telegram already shows: if it were lost the request would be sent
 * again, so a database outage is waited out here rather than turned into a second message.
 */
export async function recordSent<T>(write: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + RECORD_PATIENCE_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (Date.now() >= giveUpAt) throw error;
      const delayMs = Math.min(RECORD_RETRY_MAX_DELAY_MS, 250 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/** Buffers come back from a lean read as BSON Binary */
function bytesOf(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  const binary = value as { buffer?: Uint8Array } | null;
  return Buffer.from(binary?.buffer ?? []);
}

interface CardSlot {
  messageId: number;
  textHash: string;
  partsSent?: number | null;
}

export interface PreparedCard {
  message: RenderedMessage | null;
  shown: CardSlot | null;
}

export interface DeliveryOptions {
  models: Models;
  api: Api;
  /** resolves when a message may go to this chat now: its turn came and its mailbox is still ours */
  turn: (chatId: number) => Promise<void>;
  render: OutboxRenderer;
  digest?: DigestRenderer;
  tooLarge: TooLargeRenderer;
  logger: Logger;
  /** told when an order's first card (or the digest standing for it) reached the chat */
  firstCardDelivered?: (secondsSinceAsked: number) => void;
}

/**
 * How each kind of request reaches its chat. Called only by the worker holding the chat's
 * mailbox claim, so the card records it writes have no other writer but an order lookup,
 * which holds the same claim. Settling the requests is the caller's.
 */
export function createDelivery(options: DeliveryOptions) {
  const { models, api, turn, logger } = options;
  const where = (entry: OutboxEntry) => ({
    ...(entry.threadId ? { message_thread_id: entry.threadId } : {}),
    ...(entry.silent ? { disable_notification: true } : {}),
  });
  const firstCardOut = (entries: OutboxEntry[]) => {
    const asked = Math.min(...entries.map((entry) => entry.createdAt.getTime()));
    options.firstCardDelivered?.((Date.now() - asked) / 1000);
  };

  /** order cards and buyer-message cards are kept apart */
  function cardSlot(entry: OutboxEntry) {
    const at = { chatId: entry.chatId, threadId: entry.threadId };
    const upsert = { upsert: true };
    if (entry.kind === 'message_card') {
      const slot = { buyerMessageId: entry.buyerMessageId, ...at };
      return {
        find: () => models.messageCards.findOne(slot).lean<CardSlot>(),
        save: (fields: Record<string, unknown>) =>
          models.messageCards.updateOne(slot, { $set: fields }, upsert),
      };
    }
    const slot = { orderId: entry.orderId, ...at };
    return {
      find: () => models.cards.findOne(slot).lean<CardSlot>(),
      save: (fields: Record<string, unknown>) => models.cards.updateOne(slot, { $set: fields }, upsert),
    };
  }
  type Slot = ReturnType<typeof cardSlot>;

  /** Each part is recorded as it goes, so a retry sends only the parts still missing. */
  async function sendContinuation(entry: OutboxEntry, slot: Slot, card: CardSlot, parts: string[]) {
    for (let part = card.partsSent ?? 0; part < parts.length; part++) {
      await turn(entry.chatId);
      await api.sendMessage(entry.chatId, parts[part] as string, {
        parse_mode: 'HTML',
        reply_parameters: { message_id: card.messageId, allow_sending_without_reply: true },
        ...where(entry),
      });
      await recordSent(() => slot.save({ partsSent: part + 1 }));
    }
  }

  /** what a card shows now and where it is shown: read while the chat waits for its turn */
  async function prepareCard(entries: OutboxEntry[]): Promise<PreparedCard> {
    const entry = entries.at(-1) as OutboxEntry;
    const slot = cardSlot(entry);
    const [message, shown] = await Promise.all([options.render(entry), slot.find()]);
    return { message, shown };
  }

  /** brings one card (all the requests of one subject) up to date: an edit, or a first send */
  async function card(entries: OutboxEntry[], prepared = prepareCard(entries)): Promise<void> {
    const entry = entries.at(-1) as OutboxEntry;
    const version = Math.max(...entries.map((item) => item.version));
    const { message, shown } = await prepared;
    if (!message) return;
    const slot = cardSlot(entry);
    const textHash = hashOf(message);
    const parts = message.continuation ?? [];
    const format = { parse_mode: 'HTML' as const, reply_markup: message.replyMarkup };
    if (shown) {
      if (shown.textHash !== textHash) {
        await turn(entry.chatId);
        const edited = await api.editMessageText(entry.chatId, shown.messageId, message.text, format).then(
          () => true,
          (error: unknown) => {
            if (notModified(error)) return true;
            if (!messageIsGone(error)) throw error;
            logger.info(
              { chat: entry.chatId, message: shown.messageId },
              'card was deleted or is too old; sending it again',
            );
            return false;
          },
        );
        if (!edited) return sendCard(entries, slot, message, version);
        await recordSent(() => slot.save({ version, textHash }));
      }
      return sendContinuation(entry, slot, shown, parts);
    }
    await sendCard(entries, slot, message, version);
  }

  /** a rendered message as a new message in the entry's chat, in its turn */
  async function sendRendered(entry: OutboxEntry, message: RenderedMessage) {
    await turn(entry.chatId);
    return api.sendMessage(entry.chatId, message.text, {
      parse_mode: 'HTML',
      reply_markup: message.replyMarkup,
      ...where(entry),
      ...(message.replyToMessageId
        ? { reply_parameters: { message_id: message.replyToMessageId, allow_sending_without_reply: true } }
        : {}),
    });
  }

  async function sendCard(entries: OutboxEntry[], slot: Slot, message: RenderedMessage, version: number) {
    const entry = entries.at(-1) as OutboxEntry;
    const sent = await sendRendered(entry, message);
    const fresh = { messageId: sent.message_id, textHash: hashOf(message), partsSent: 0 };
    await recordSent(() => slot.save({ ...fresh, version }));
    if (entry.kind === 'order_card') firstCardOut(entries);
    await sendContinuation(entry, slot, fresh, message.continuation ?? []);
  }

  /** J5: one message standing for many orders' first cards in a group */
  async function digest(entries: OutboxEntry[]): Promise<void> {
    const entry = entries[0] as OutboxEntry;
    const orderIds = [...new Set(entries.map((item) => String(item.orderId)))].map(
      (id) => entries.find((item) => String(item.orderId) === id)?.orderId as Types.ObjectId,
    );
    const message = await options.digest?.(orderIds, entry.chatId);
    if (message) {
      await sendRendered(entry, message);
      logger.info(
        { chat: entry.chatId, orders: orderIds.length },
        'sent a digest instead of a burst of cards',
      );
      firstCardOut(entries);
    }
  }

  /** alerts, digests of quiet hours, summary texts: rendered, sent once */
  async function notice(entry: OutboxEntry): Promise<void> {
    const message = await options.render(entry);
    if (message) await sendRendered(entry, message);
  }

  async function file(entry: OutboxEntry): Promise<void> {
    const about = fileAboutSchema.parse(JSON.parse(entry.payload ?? '{}'));
    const bytes = bytesOf(entry.file);
    const caption = {
      ...(about.caption ? { caption: about.caption } : {}),
      ...(about.parseMode ? { parse_mode: about.parseMode } : {}),
      ...where(entry),
    };
    const sendInstead = async () => {
      logger.warn(
        { chat: entry.chatId, bytes: bytes.length, file: about.filename },
        'Telegram refused a file as too large',
      );
      await api.sendMessage(entry.chatId, await options.tooLarge(entry, about.caption), {
        parse_mode: 'HTML',
        ...where(entry),
      });
    };
    await turn(entry.chatId);
    if (bytes.length > TELEGRAM_UPLOAD_LIMIT_BYTES) await sendInstead();
    else {
      const upload = new InputFile(bytes, about.filename);
      const sent =
        about.method === 'photo'
          ? api.sendPhoto(entry.chatId, upload, caption)
          : api.sendDocument(entry.chatId, upload, caption);
      // Telegram's own measure of the upload may differ from ours: its 413 is the last word
      await sent.catch(async (error: unknown) => {
        if (!(error instanceof GrammyError && error.error_code === 413)) throw error;
        await sendInstead();
      });
    }
  }

  /** the newest of a message's progress requests, as an edit; an older one is passed over */
  async function progress(entries: OutboxEntry[]): Promise<void> {
    const entry = entries.at(-1) as OutboxEntry;
    const { messageId, text } = progressSchema.parse(JSON.parse(entry.payload ?? '{}'));
    await turn(entry.chatId);
    await api.editMessageText(entry.chatId, messageId, text).catch((error: unknown) => {
      // the admin deleted the message, or nothing changed: the import goes on regardless
      if (!notModified(error) && !messageIsGone(error)) throw error;
    });
  }

  return { prepareCard, card, digest, notice, file, progress };
}

export type Delivery = ReturnType<typeof createDelivery>;
