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

  async function deliverCard(entry: OutboxEntry, message: RenderedMessage): Promise<void> {
    const where = { orderId: entry.orderId, chatId: entry.chatId, threadId: entry.threadId };
    // alerts and digests are one-off messages: no card to edit or to remember
    const card = entry.orderId ? await models.cards.findOne(where).lean() : null;
    const textHash = hashOf(message);
    const options = { parse_mode: 'HTML' as const, reply_markup: message.replyMarkup };
    if (card) {
      if (card.textHash === textHash) return;
      await pacer.acquire(entry.chatId);
      try {
        await api.editMessageText(entry.chatId, card.messageId, message.text, options);
        await models.cards.updateOne(where, { $set: { version: entry.version, textHash } });
        return;
      } catch (error) {
        if (notModified(error)) return;
        if (!cardIsGone(error)) throw error;
        logger.info(
          { chat: entry.chatId, message: card.messageId },
          'card was deleted or is too old; sending it again',
        );
      }
    }
    await pacer.acquire(entry.chatId);
    const sent = await api.sendMessage(entry.chatId, message.text, {
      ...options,
      ...(entry.threadId ? { message_thread_id: entry.threadId } : {}),
      ...(entry.silent ? { disable_notification: true } : {}),
    });
    if (!entry.orderId) return;
    await models.cards.updateOne(
      where,
      { $set: { messageId: sent.message_id, version: entry.version, textHash } },
      { upsert: true },
    );
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
