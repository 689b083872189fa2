import { EventEmitter } from 'node:events';
import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { OutboxKind } from '#src/db/models/outbox.js';
import type { Destination } from '#src/services/routing.js';
import { insertNew } from '#src/db/insert-new.js';

/** The claim a worker holds on a chat while it drains that chat's requests. */
export const mailboxKey = (chatId: number) => `mailbox:${chatId}`;

export interface OutboxRequest {
  key: string;
  kind: OutboxKind;
  chatId: number;
  threadId: number;
  silent: boolean;
  version?: number;
  orderId?: Types.ObjectId;
  buyerMessageId?: Types.ObjectId;
  payload?: string;
  file?: Buffer;
}

const place = (destination: Destination) => ({
  chatId: destination.chatId,
  threadId: destination.threadId,
  silent: destination.silent ?? false,
});

const enqueued = new EventEmitter().setMaxListeners(0);

/**
 * Tells this process's senders of the chats just asked for, so a card goes out without waiting
 * for their next look at the outbox (which still finds whatever other processes ask for).
 */
export function onEnqueued(listener: (chatIds: number[]) => void): () => void {
  enqueued.on('chats', listener);
  return () => enqueued.off('chats', listener);
}

/**
 * Inserts requests in one command; a key already there was asked for already (a retried sync,
 * a second worker), so its duplicate-key refusal is the expected answer, not a failure.
 */
export async function enqueue(models: Models, requests: OutboxRequest[]): Promise<void> {
  const inserted = await insertNew<{ chatId: number }>(models.outbox, requests);
  if (inserted.length > 0) enqueued.emit('chats', [...new Set(inserted.map((entry) => entry.chatId))]);
}

export interface OrderCardRequest {
  orderId: Types.ObjectId;
  version: number;
  destinations: Destination[];
}

/** Asks for each order's card in each destination to show at least `version`, in one command. */
export function enqueueOrderCards(models: Models, items: OrderCardRequest[]): Promise<void> {
  return enqueue(
    models,
    items.flatMap(({ orderId, version, destinations }) =>
      destinations.map((destination) => ({
        key: `order_card:${String(orderId)}:${destination.chatId}:${destination.threadId}:${version}`,
        kind: 'order_card' as const,
        orderId,
        version,
        ...place(destination),
      })),
    ),
  );
}

export const enqueueOrderCard = (
  models: Models,
  orderId: Types.ObjectId,
  version: number,
  destinations: Destination[],
) => enqueueOrderCards(models, [{ orderId, version, destinations }]);

/** Every chat that already shows a card of the order. */
export async function cardDestinations(models: Models, orderId: Types.ObjectId): Promise<Destination[]> {
  const cards = await models.cards.find({ orderId }).lean();
  return cards.map((card) => ({ chatId: card.chatId, threadId: card.threadId }));
}

/** M1: the card of one buyer message in each destination, at `version` (same rules as orders). */
export function enqueueMessageCard(
  models: Models,
  buyerMessageId: Types.ObjectId,
  version: number,
  destinations: Destination[],
): Promise<void> {
  return enqueue(
    models,
    destinations.map((destination) => ({
      key: `message_card:${String(buyerMessageId)}:${destination.chatId}:${destination.threadId}:${version}`,
      kind: 'message_card' as const,
      buyerMessageId,
      version,
      ...place(destination),
    })),
  );
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
 * Every chat a buyer message's card was asked for, sent yet or not: a redraw asked for before
 * the first send must reach it too.
 */
export async function messageCardQueue(
  models: Models,
  buyerMessageId: Types.ObjectId,
): Promise<Destination[]> {
  const requests = await models.outbox.find({ kind: 'message_card', buyerMessageId }).lean();
  const chats = new Map<string, Destination>();
  for (const request of requests)
    chats.set(`${request.chatId}:${request.threadId}`, {
      chatId: request.chatId,
      threadId: request.threadId,
      silent: request.silent,
    });
  return [...chats.values()];
}

const oneOffKey = (kind: OutboxKind, subject: string, destination: Destination) =>
  `${kind}:${subject}:${destination.chatId}:${destination.threadId}`;

type OneOffKind = 'alert' | 'digest' | 'summary' | 'progress';

/**
 * A one-off message to one destination. `subject` names what it is about, so asking for the
 * same subject again (a retried job, a second instance) adds nothing.
 */
export const messageRequest = (
  kind: OneOffKind,
  subject: string,
  payload: Record<string, unknown>,
  destination: Destination,
): OutboxRequest => ({
  key: oneOffKey(kind, subject, destination),
  kind,
  payload: JSON.stringify(payload),
  ...place(destination),
});

export const enqueueMessage = (
  models: Models,
  kind: OneOffKind,
  subject: string,
  payload: Record<string, unknown>,
  destinations: Destination[],
) =>
  enqueue(
    models,
    destinations.map((destination) => messageRequest(kind, subject, payload, destination)),
  );

export interface OutboxFile {
  method: 'document' | 'photo';
  filename: string;
  bytes: Buffer;
  caption?: string;
  parseMode?: 'HTML';
}

/** A document or photo, sent once per subject and destination. */
export function fileRequest(subject: string, file: OutboxFile, destination: Destination): OutboxRequest {
  const { bytes, ...about } = file;
  return {
    key: oneOffKey('file', subject, destination),
    kind: 'file',
    payload: JSON.stringify(about),
    file: bytes,
    ...place(destination),
  };
}

/** Whether a one-off subject was already asked for in this destination. */
export async function isEnqueued(
  models: Models,
  kind: OutboxKind,
  subject: string,
  destination: Destination,
): Promise<boolean> {
  return Boolean(await models.outbox.exists({ key: oneOffKey(kind, subject, destination) }));
}

/** Requests given up after their last attempt and still within retention: /status and metrics show them. */
export const countDeadLetters = (models: Models) => models.outbox.countDocuments({ dead: true });
