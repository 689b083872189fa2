import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { OutboxKind } from '#src/db/models/outbox.js';
import type { Destination } from '#src/services/routing.js';
import { isDuplicateKey } from '#src/db/errors.js';

/** The lease the sender holds on an entry while it sends or edits its message. */
export const outboxLeaseKey = (entryId: unknown) => `outbox:${String(entryId)}`;

export const orderCardKey = (orderId: Types.ObjectId, destination: Destination) =>
  `order_card:${String(orderId)}:${destination.chatId}:${destination.threadId}`;

/** Every chat that already shows a card of the order. */
export async function cardDestinations(models: Models, orderId: Types.ObjectId): Promise<Destination[]> {
  const cards = await models.cards.find({ orderId }).lean();
  return cards.map((card) => ({ chatId: card.chatId, threadId: card.threadId }));
}

/** One entry per key whose version only goes up; a second writer of the same key joins it. */
async function upsertEntry(
  models: Models,
  key: string,
  version: number,
  silent: boolean,
  fields: Record<string, unknown>,
): Promise<void> {
  const write = () =>
    models.outbox.updateOne(
      { key },
      { $max: { version }, $set: { pending: true, silent }, $setOnInsert: fields },
      { upsert: true },
    );
  try {
    await write();
  } catch (error) {
    // two workers inserting the same key at once: the loser's update now finds the row
    if (!isDuplicateKey(error)) throw error;
    await write();
  }
}

/**
 * Asks for the order's card in each destination to show `version`. Idempotent: the same
 * (order, destination) is one entry whose version only goes up.
 */
export async function enqueueOrderCard(
  models: Models,
  orderId: Types.ObjectId,
  version: number,
  destinations: Destination[],
): Promise<void> {
  for (const destination of destinations) {
    await upsertEntry(models, orderCardKey(orderId, destination), version, destination.silent ?? false, {
      kind: 'order_card',
      orderId,
      chatId: destination.chatId,
      threadId: destination.threadId,
    });
  }
}

/** The cards of many orders at once (a poll page's new orders), each as `enqueueOrderCard`. */
export async function enqueueOrderCards(
  models: Models,
  items: { orderId: Types.ObjectId; version: number; destinations: Destination[] }[],
): Promise<void> {
  for (const item of items) await enqueueOrderCard(models, item.orderId, item.version, item.destinations);
}

/** M1: the card of one buyer message in each destination, at `version` (same rules as orders). */
export async function enqueueMessageCard(
  models: Models,
  buyerMessageId: Types.ObjectId,
  version: number,
  destinations: Destination[],
): Promise<void> {
  for (const destination of destinations) {
    const key = `message_card:${String(buyerMessageId)}:${destination.chatId}:${destination.threadId}`;
    await upsertEntry(models, key, version, destination.silent ?? false, {
      kind: 'message_card',
      buyerMessageId,
      chatId: destination.chatId,
      threadId: destination.threadId,
    });
  }
}

/** Every chat that already shows a card of the buyer message. */
export async function messageCardDestinations(
  models: Models,
  buyerMessageId: Types.ObjectId,
): Promise<Destination[]> {
  const cards = await models.messageCards.find({ buyerMessageId }).lean();
  return cards.map((card) => ({ chatId: card.chatId, threadId: card.threadId }));
}

/**
 * Every chat a buyer message's card was queued for, sent yet or not: a redraw asked for
 * before the first send must reach it too.
 */
export async function messageCardQueue(
  models: Models,
  buyerMessageId: Types.ObjectId,
): Promise<Destination[]> {
  const entries = await models.outbox.find({ kind: 'message_card', buyerMessageId }).lean();
  return entries.map((entry) => ({ chatId: entry.chatId, threadId: entry.threadId, silent: entry.silent }));
}

/**
 * A one-off message (alert, digest) to each destination. `subject` names what it is about,
 * so enqueueing the same subject again (a retried job, a second instance) adds nothing.
 */
export async function enqueueMessage(
  models: Models,
  kind: Exclude<OutboxKind, 'order_card'>,
  subject: string,
  payload: Record<string, unknown>,
  destinations: Destination[],
): Promise<void> {
  for (const destination of destinations) {
    await models.outbox
      .create({
        key: `${kind}:${subject}:${destination.chatId}:${destination.threadId}`,
        kind,
        payload: JSON.stringify(payload),
        chatId: destination.chatId,
        threadId: destination.threadId,
        silent: destination.silent ?? false,
        version: 1,
      })
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
  }
}
