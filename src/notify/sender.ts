import { createHash, randomUUID } from 'node:crypto';
import { GrammyError, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Models } from '#src/db/models/index.js';
import type { OutboxDoc } from '#src/db/models/outbox.js';
import type { Logger } from '#src/logger.js';
import type { SendPacer } from '#src/notify/rate-limiter.js';

export interface RenderedMessage {
  text: string;
  replyMarkup: InlineKeyboardMarkup;
  /** a new card is sent as a reply to this message (later messages of one buyer thread) */
  replyToMessageId?: number | null;
  /** HTML parts sent once, as replies to the card, when the subject does not fit one message */
  continuation?: string[];
}

type OutboxEntry = OutboxDoc & { _id: unknown };

/** Renders what an outbox entry should show now; null when its subject no longer exists. */
export type OutboxRenderer = (entry: OutboxEntry) => Promise<RenderedMessage | null>;

export interface SenderOptions {
  models: Models;
  api: Api;
  pacer: SendPacer;
  render: OutboxRenderer;
  logger: Logger;
  workers?: number;
  leaseMs?: number;
  idleMs?: number;
}

const EPOCH = new Date(0);
const hashOf = (message: RenderedMessage) =>
  createHash('sha1').update(message.text).update(JSON.stringify(message.replyMarkup)).digest('hex');

type Failure =
  { kind: 'retry_after'; ms: number } | { kind: 'transient' } | { kind: 'permanent'; reason: string };

function classify(error: unknown): Failure {
  if (error instanceof GrammyError) {
    if (error.error_code === 429)
      return { kind: 'retry_after', ms: (error.parameters.retry_after ?? 1) * 1000 };
    if (error.error_code < 500) return { kind: 'permanent', reason: error.description };
  }
  // 5xx, network failures (HttpError) and our own database hiccups: try again later
  return { kind: 'transient' };
}

const cardIsGone = (error: unknown) =>
  error instanceof GrammyError &&
  error.error_code === 400 &&
  /message to edit not found|message can't be edited|MESSAGE_ID_INVALID/i.test(error.description);

const notModified = (error: unknown) =>
  error instanceof GrammyError && /message is not modified/i.test(error.description);

/**
 * The only writer of notifications to Telegram: drains the outbox within Telegram's
 * limits. An entry is leased while in flight, so several workers never send it twice,
 * and it stays pending until Telegram confirmed the version it asked for.
 */
export function createOutboxSender(options: SenderOptions) {
  const { models, api, pacer, render, logger } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const idleMs = options.idleMs ?? 200;
  let running = false;
  let loops: Promise<void>[] = [];

  let claiming: Promise<unknown> = Promise.resolve();

  /**
   * Claims are made one at a time per process and carry an owner token: FerretDB v1 does not
   * make findOneAndUpdate atomic, and a card must never go out twice.
   */
  function claim(): Promise<OutboxEntry | null> {
    const attempt = claiming.then(async () => {
      const now = new Date();
      const owner = randomUUID();
      const entry = await models.outbox
        .findOneAndUpdate(
          { pending: true, notBefore: { $lte: now }, leaseUntil: { $lte: now } },
          {
            $set: { leaseUntil: new Date(now.getTime() + leaseMs), leaseOwner: owner },
            $inc: { attempts: 1 },
          },
          { sort: { notBefore: 1 }, returnDocument: 'after' },
        )
        .lean<OutboxEntry>();
      return entry && entry.leaseOwner === owner ? entry : null;
    });
    claiming = attempt.catch(() => undefined);
    return attempt;
  }

  interface CardSlot {
    messageId: number;
    textHash: string;
    partsSent?: number | null;
  }

  /** Where an entry's message sits in its chat: order cards and buyer-message cards are kept apart. */
  function cardSlot(entry: OutboxEntry) {
    const place = { chatId: entry.chatId, threadId: entry.threadId };
    const save = { upsert: true };
    if (entry.kind === 'message_card') {
      const where = { buyerMessageId: entry.buyerMessageId, ...place };
      return {
        find: () => models.messageCards.findOne(where).lean<CardSlot>(),
        save: (fields: Record<string, unknown>) =>
          models.messageCards.updateOne(where, { $set: fields }, save),
      };
    }
    const where = { orderId: entry.orderId, ...place };
    return {
      find: () => models.cards.findOne(where).lean<CardSlot>(),
      save: (fields: Record<string, unknown>) => models.cards.updateOne(where, { $set: fields }, save),
    };
  }

  /** Each part is recorded as it goes, so a retry sends only the parts still missing. */
  async function sendContinuation(
    entry: OutboxEntry,
    slot: ReturnType<typeof cardSlot>,
    card: CardSlot,
    parts: string[],
  ) {
    for (let part = card.partsSent ?? 0; part < parts.length; part++) {
      await pacer.acquire(entry.chatId);
      await api.sendMessage(entry.chatId, parts[part] as string, {
        parse_mode: 'HTML',
        reply_parameters: { message_id: card.messageId, allow_sending_without_reply: true },
        ...(entry.threadId ? { message_thread_id: entry.threadId } : {}),
        ...(entry.silent ? { disable_notification: true } : {}),
      });
      await slot.save({ partsSent: part + 1 });
    }
  }

  async function deliverCard(entry: OutboxEntry, message: RenderedMessage): Promise<void> {
    const slot = cardSlot(entry);
    const card = await slot.find();
    const textHash = hashOf(message);
    const options = { parse_mode: 'HTML' as const, reply_markup: message.replyMarkup };
    const parts = message.continuation ?? [];
    if (card) {
      if (card.textHash === textHash) return sendContinuation(entry, slot, card, parts);
      await pacer.acquire(entry.chatId);
      const edited = await api.editMessageText(entry.chatId, card.messageId, message.text, options).then(
        () => true,
        (error: unknown) => {
          if (notModified(error)) return true;
          if (!cardIsGone(error)) throw error;
          logger.info(
            { chat: entry.chatId, message: card.messageId },
            'card was deleted or is too old; sending it again',
          );
          return false;
        },
      );
      if (edited) {
        await slot.save({ version: entry.version, textHash });
        return sendContinuation(entry, slot, card, parts);
      }
    }
    await pacer.acquire(entry.chatId);
    const sent = await api.sendMessage(entry.chatId, message.text, {
      ...options,
      ...(entry.threadId ? { message_thread_id: entry.threadId } : {}),
      ...(entry.silent ? { disable_notification: true } : {}),
      ...(message.replyToMessageId
        ? { reply_parameters: { message_id: message.replyToMessageId, allow_sending_without_reply: true } }
        : {}),
    });
    const fresh = { messageId: sent.message_id, textHash, partsSent: 0 };
    await slot.save({ ...fresh, version: entry.version });
    await sendContinuation(entry, slot, fresh, parts);
  }

  async function settle(entry: OutboxEntry, fields: Record<string, unknown>) {
    // a newer version arrived while we were sending: keep the entry pending for it
    const done = await models.outbox.updateOne(
      { _id: entry._id, version: entry.version },
      { $set: { pending: false, deliveredVersion: entry.version, leaseUntil: EPOCH, ...fields } },
    );
    if (done.modifiedCount === 0) {
      await models.outbox.updateOne(
        { _id: entry._id },
        { $set: { deliveredVersion: entry.version, leaseUntil: EPOCH } },
      );
    }
  }

  async function process(entry: OutboxEntry): Promise<void> {
    try {
      const message = await render(entry);
      if (message) await deliverCard(entry, message);
      await settle(entry, { lastError: null });
    } catch (error) {
      const failure = classify(error);
      if (failure.kind === 'permanent') {
        logger.warn(
          { chat: entry.chatId, reason: failure.reason },
          'Telegram refused a notification; giving up on it',
        );
        await settle(entry, { lastError: failure.reason });
        return;
      }
      const delayMs =
        failure.kind === 'retry_after'
          ? failure.ms
          : Math.min(60_000, 1000 * 2 ** Math.min(entry.attempts, 6));
      if (failure.kind === 'retry_after') pacer.pause(entry.chatId, delayMs);
      logger.info({ chat: entry.chatId, delayMs, kind: failure.kind }, 'notification postponed');
      await models.outbox.updateOne(
        { _id: entry._id },
        {
          $set: {
            notBefore: new Date(Date.now() + delayMs),
            leaseUntil: EPOCH,
            lastError: error instanceof Error ? error.message : String(error),
          },
        },
      );
    }
  }

  async function loop() {
    while (running) {
      const entry = await claim().catch((error: unknown) => {
        logger.warn({ err: error }, 'outbox claim failed');
        return null;
      });
      if (entry) {
        await process(entry);
        continue;
      }
      await new Promise<void>((resolve) => setTimeout(resolve, idleMs));
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loops = Array.from({ length: options.workers ?? 4 }, () => loop());
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
