import { createHash, randomUUID } from 'node:crypto';
import { GrammyError, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { Types } from 'mongoose';
import { claimLease, releaseLease, releaseLeasesOwnedBy } from '#src/db/leases.js';
import type { Models } from '#src/db/models/index.js';
import type { OutboxDoc } from '#src/db/models/outbox.js';
import type { Logger } from '#src/logger.js';
import type { SendPacer } from '#src/notify/rate-limiter.js';
import type { JournalRecord, SendJournal } from '#src/notify/send-journal.js';
import { chatIsUnreachable, isChatBlocked, markChatBlocked } from '#src/services/blocked-chats.js';
import { outboxLeaseKey } from '#src/services/outbox.js';

export interface RenderedMessage {
  text: string;
  replyMarkup: InlineKeyboardMarkup;
  /** a new card is sent as a reply to this message (later messages of one buyer thread) */
  replyToMessageId?: number | null;
  /** HTML parts sent once, as replies to the card, when the subject does not fit one message */
  continuation?: string[];
}

type OutboxEntry = OutboxDoc & { _id: unknown };
/** what recording a sent message needs of its entry */
type EntryRef = Pick<
  OutboxEntry,
  '_id' | 'kind' | 'chatId' | 'threadId' | 'version' | 'orderId' | 'buyerMessageId'
>;

/** Renders what an outbox entry should show now; null when its subject no longer exists. */
export type OutboxRenderer = (entry: OutboxEntry) => Promise<RenderedMessage | null>;

/** J5: renders one message standing for the new cards of many orders; null when none exist. */
export type DigestRenderer = (orderIds: Types.ObjectId[], chatId: number) => Promise<RenderedMessage | null>;

export interface SenderOptions {
  models: Models;
  api: Api;
  pacer: SendPacer;
  render: OutboxRenderer;
  /** groups with at least `threshold` new cards waiting get one digest instead */
  digest?: { threshold: number; render: DigestRenderer };
  /** notes each message Telegram took until the database has it (a worker's local disk) */
  journal?: SendJournal;
  logger: Logger;
  /** told when an order's first card (or the digest standing for it) reached the chat */
  firstCardDelivered?: (secondsSinceQueued: number) => void;
  workers?: number;
  leaseMs?: number;
  idleMs?: number;
}

const hashOf = (message: RenderedMessage) =>
  createHash('sha1').update(message.text).update(JSON.stringify(message.replyMarkup)).digest('hex');

type Failure =
  | { kind: 'retry_after'; ms: number }
  | { kind: 'transient' }
  | { kind: 'permanent'; reason: string }
  | { kind: 'unreachable'; reason: string };

function classify(error: unknown): Failure {
  if (error instanceof GrammyError) {
    if (error.error_code === 429)
      return { kind: 'retry_after', ms: (error.parameters.retry_after ?? 1) * 1000 };
    if (chatIsUnreachable(error.error_code, error.description))
      return { kind: 'unreachable', reason: error.description };
    if (error.error_code < 500) return { kind: 'permanent', reason: error.description };
  }
  // 5xx, network failures (HttpError) and our own database hiccups: try again later
  return { kind: 'transient' };
}

const cardIsGone = (error: unknown) =>
  error instanceof GrammyError &&
  error.error_code === 400 &&
  /message to edit not found|message can't be edited|MESSAGE_ID_INVALID/i.test(error.description);

/** what a skipped entry records instead of an error */
const SKIPPED_BLOCKED = 'skipped: the chat blocked the bot';

const WRITE_RETRY_DELAYS_MS = [250, 1000, 2000, 4000, 8000];

/**
 * A write that records what Telegram already shows: if it were lost, the entry would be sent
 * again, so a database hiccup is waited out here rather than turned into a second message.
 */
async function recordSent<T>(write: () => Promise<T>): Promise<T> {
  for (const delayMs of WRITE_RETRY_DELAYS_MS) {
    try {
      return await write();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  return write();
}

const notModified = (error: unknown) =>
  error instanceof GrammyError && /message is not modified/i.test(error.description);

/**
 * The only writer of notifications to Telegram: drains the outbox within Telegram's
 * limits. An entry is leased while in flight, so several workers never send it twice,
 * and it stays pending until Telegram confirmed the version it asked for.
 */
export function createOutboxSender(options: SenderOptions) {
  const { models, api, pacer, render, logger } = options;
  const firstCardOut = (entry: OutboxEntry) => {
    if (entry.kind === 'order_card' && entry.deliveredVersion === 0)
      options.firstCardDelivered?.((Date.now() - entry.createdAt.getTime()) / 1000);
  };
  const leaseMs = options.leaseMs ?? 60_000;
  const idleMs = options.idleMs ?? 200;
  let running = false;
  let loops: Promise<void>[] = [];

  /** one entry per chat in flight in this process: a slow group never holds up the others */
  const busyChats = new Set<number>();
  /** the leases this process holds, by entry id, each with what closes its journal note */
  const leaseTokens = new Map<string, { token: string; unclaim: () => void }>();
  const release = async (id: unknown) => {
    const held = leaseTokens.get(String(id));
    if (!held) return;
    leaseTokens.delete(String(id));
    try {
      await releaseLease(models, outboxLeaseKey(id), held.token);
    } finally {
      held.unclaim();
    }
  };

  /**
   * Takes an entry's lease row, then re-reads it: only the row is atomic on FerretDB v1, and
   * a card must never go out twice, even from two processes. The token is journaled first, so a
   * worker started after this one is killed frees the lease at once.
   */
  async function takeLease(id: unknown): Promise<OutboxEntry | null> {
    const token = randomUUID();
    const unclaim = options.journal?.claiming({ entryId: String(id), lease: token }) ?? (() => undefined);
    const claimed = await claimLease(models, outboxLeaseKey(id), 'sender', leaseMs, token).catch(
      (error: unknown) => {
        unclaim();
        throw error;
      },
    );
    if (!claimed) {
      unclaim();
      return null;
    }
    leaseTokens.set(String(id), { token, unclaim });
    const entry = await models.outbox.findById(id).lean<OutboxEntry>();
    if (entry?.pending) return entry;
    await release(id);
    return null;
  }

  /** due entries read ahead, so a claim is a lease insert and not a collection scan */
  let candidates: { _id: unknown; chatId: number }[] = [];
  let refilling: Promise<void> | null = null;
  const CANDIDATE_BATCH = 50;

  /** one read for all the loops of this process */
  function refillCandidates(now: Date): Promise<void> {
    refilling ??= models.outbox
      .find({ pending: true, notBefore: { $lte: now } })
      .sort({ notBefore: 1 })
      .limit(CANDIDATE_BATCH)
      .select({ _id: 1, chatId: 1 })
      .lean<{ _id: unknown; chatId: number }[]>()
      .then((batch) => void (candidates = batch))
      .finally(() => (refilling = null));
    return refilling;
  }

  /**
   * A due candidate whose chat's turn comes first: a loop must not sit out a chat's one-second
   * gap while another chat could be served. Among equally ready chats it is drawn at random, so
   * workers reading the same batch seldom race for the same lease; within a chat the oldest goes first.
   */
  function readiestCandidate(): number {
    const now = Date.now();
    const seenChats = new Set<number>();
    let best = -1;
    let bestTurn = Number.POSITIVE_INFINITY;
    let ties = 0;
    candidates.forEach((candidate, index) => {
      if (busyChats.has(candidate.chatId) || seenChats.has(candidate.chatId)) return;
      seenChats.add(candidate.chatId);
      const turn = Math.max(now, pacer.nextTurnAt(candidate.chatId));
      if (turn < bestTurn) [best, bestTurn, ties] = [index, turn, 1];
      else if (turn === bestTurn && Math.random() * ++ties < 1) best = index;
    });
    return best;
  }

  /**
   * Picks a candidate whose chat is free and books the chat at once, so the loops claim in
   * parallel; the candidate is ours once its lease row is. It is re-read then, so an entry
   * settled or postponed since the batch was read is passed over.
   */
  async function claim(): Promise<OutboxEntry | null> {
    const now = new Date();
    if (candidates.length === 0) await refillCandidates(now);
    for (;;) {
      const index = readiestCandidate();
      if (index < 0) return null;
      const [candidate] = candidates.splice(index, 1) as [{ _id: unknown; chatId: number }];
      busyChats.add(candidate.chatId);
      const claimed = await takeLease(candidate._id).catch((error: unknown) => {
        busyChats.delete(candidate.chatId);
        throw error;
      });
      if (claimed && claimed.notBefore <= now) return claimed;
      if (claimed) await release(candidate._id);
      busyChats.delete(candidate.chatId);
    }
  }

  const journalEntry = (entry: OutboxEntry): JournalRecord['entry'] => ({
    id: String(entry._id),
    kind: entry.kind,
    chatId: entry.chatId,
    threadId: entry.threadId,
    version: entry.version,
    orderId: entry.orderId ? String(entry.orderId) : null,
    buyerMessageId: entry.buyerMessageId ? String(entry.buyerMessageId) : null,
  });

  /** Telegram took a message: noted in the journal first, then written to the database */
  async function recordTaken(
    entries: OutboxEntry[],
    card: Record<string, unknown> | null,
    write: () => Promise<unknown>,
  ) {
    const noted = entries.map((entry) => options.journal?.note({ entry: journalEntry(entry), card }));
    await recordSent(write);
    for (const done of noted) done?.();
  }

  /** what a process killed after Telegram's answer could not write */
  async function recordRecovered(record: JournalRecord) {
    const objectId = (id: string | null) => (id ? new Types.ObjectId(id) : null);
    const entry: EntryRef = {
      ...record.entry,
      _id: new Types.ObjectId(record.entry.id),
      orderId: objectId(record.entry.orderId),
      buyerMessageId: objectId(record.entry.buyerMessageId),
    };
    const slot = record.card ? cardSlot(entry) : null;
    if (slot && record.card) await slot.save(record.card);
    else await settle(entry, { lastError: null });
  }

  /** before an entry is tried again: what this process noted of it and could not write */
  async function recordUnrecorded(entry: OutboxEntry) {
    for (const record of options.journal?.unrecordedFor(String(entry._id)) ?? []) {
      await recordRecovered(record);
      options.journal?.forget(record);
    }
  }

  interface CardSlot {
    messageId: number;
    textHash: string;
    partsSent?: number | null;
  }

  /**
   * Where an entry's message sits in its chat: order cards and buyer-message cards are kept
   * apart; alerts and digests are one-off messages with no card to edit or remember.
   */
  function cardSlot(entry: EntryRef) {
    if (entry.kind !== 'order_card' && entry.kind !== 'message_card') return null;
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
    slot: NonNullable<ReturnType<typeof cardSlot>>,
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
      const fields = { partsSent: part + 1 };
      await recordTaken([entry], fields, () => slot.save(fields));
    }
  }

  /** `paced`: the chat's turn was already taken for this entry */
  async function deliverCard(entry: OutboxEntry, message: RenderedMessage, paced: boolean): Promise<void> {
    let turnTaken = paced;
    const takeTurn = async () => {
      if (!turnTaken) await pacer.acquire(entry.chatId);
      turnTaken = false;
    };
    const slot = cardSlot(entry);
    const card = slot && (await slot.find());
    const textHash = hashOf(message);
    const options = { parse_mode: 'HTML' as const, reply_markup: message.replyMarkup };
    const parts = message.continuation ?? [];
    if (slot && card) {
      if (card.textHash === textHash) return sendContinuation(entry, slot, card, parts);
      await takeTurn();
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
    await takeTurn();
    const sent = await api.sendMessage(entry.chatId, message.text, {
      ...options,
      ...(entry.threadId ? { message_thread_id: entry.threadId } : {}),
      ...(entry.silent ? { disable_notification: true } : {}),
      ...(message.replyToMessageId
        ? { reply_parameters: { message_id: message.replyToMessageId, allow_sending_without_reply: true } }
        : {}),
    });
    if (!slot) return recordTaken([entry], null, () => settle(entry, { lastError: null }));
    if (!card) firstCardOut(entry);
    const fresh = { messageId: sent.message_id, textHash, partsSent: 0 };
    const fields = { ...fresh, version: entry.version };
    await recordTaken([entry], fields, () => slot.save(fields));
    await sendContinuation(entry, slot, fresh, parts);
  }

  /** a card never sent to this group yet: a candidate for the digest */
  const awaitingFirstCard = (entry: OutboxEntry) => ({
    kind: 'order_card' as const,
    chatId: entry.chatId,
    threadId: entry.threadId,
    pending: true,
    deliveredVersion: 0,
  });

  const isFirstCardForGroup = (entry: OutboxEntry) =>
    entry.chatId < 0 && entry.deliveredVersion === 0 && entry.kind === 'order_card';

  async function digestDue(entry: OutboxEntry, threshold: number): Promise<boolean> {
    return (await models.outbox.countDocuments(awaitingFirstCard(entry))) >= threshold;
  }

  /**
   * Takes the leases of the group's other waiting first cards, sends one digest for all of
   * them and settles each; entries other workers hold are left to them.
   */
  async function deliverDigest(entry: OutboxEntry, render: DigestRenderer): Promise<void> {
    const others = await models.outbox
      .find({ ...awaitingFirstCard(entry), _id: { $ne: entry._id } })
      .limit(99)
      .lean<OutboxEntry[]>();
    const taken: OutboxEntry[] = [];
    for (const other of others) {
      const claimed = await takeLease(other._id);
      if (claimed?.deliveredVersion === 0) taken.push(claimed);
      else if (claimed) await release(other._id);
    }
    try {
      const mine = [entry, ...taken];
      const message = await render(
        mine.map((item) => item.orderId as Types.ObjectId),
        entry.chatId,
      );
      if (message) {
        await api.sendMessage(entry.chatId, message.text, {
          parse_mode: 'HTML',
          reply_markup: message.replyMarkup,
          ...(entry.threadId ? { message_thread_id: entry.threadId } : {}),
          ...(entry.silent ? { disable_notification: true } : {}),
        });
      }
      logger.info({ chat: entry.chatId, orders: mine.length }, 'sent a digest instead of a burst of cards');
      if (message) mine.forEach(firstCardOut);
      await recordTaken(mine, null, async () => {
        for (const item of mine) await settle(item, { lastError: null });
      });
    } finally {
      for (const item of taken) await release(item._id);
    }
  }

  async function settle(entry: EntryRef, fields: Record<string, unknown>) {
    // a newer version arrived while we were sending: keep the entry pending for it
    const done = await models.outbox.updateOne(
      { _id: entry._id, version: entry.version },
      { $set: { pending: false, deliveredVersion: entry.version, ...fields } },
    );
    if (done.modifiedCount === 0) {
      await models.outbox.updateOne({ _id: entry._id }, { $set: { deliveredVersion: entry.version } });
    }
  }

  async function process(entry: OutboxEntry): Promise<void> {
    try {
      await recordUnrecorded(entry);
      if (await isChatBlocked(models, entry.chatId)) {
        await settle(entry, { lastError: SKIPPED_BLOCKED });
        return;
      }
      let paced = false;
      if (options.digest && isFirstCardForGroup(entry)) {
        // decide after waiting for the group's turn: the backlog has grown by then
        await pacer.acquire(entry.chatId);
        paced = true;
        if (await digestDue(entry, options.digest.threshold)) {
          await deliverDigest(entry, options.digest.render);
          return;
        }
      }
      const message = await render(entry);
      if (message) await deliverCard(entry, message, paced);
      // a one-off message (no card) was settled as its send was recorded
      if (!message || cardSlot(entry)) await recordSent(() => settle(entry, { lastError: null }));
    } catch (error) {
      const failure = classify(error);
      if (failure.kind === 'unreachable') {
        if (await markChatBlocked(models, entry.chatId, failure.reason))
          logger.warn(
            { chat: entry.chatId },
            'chat blocked the bot; its notifications are skipped until it writes',
          );
        await settle(entry, { lastError: failure.reason });
        return;
      }
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
            lastError: error instanceof Error ? error.message : String(error),
          },
          $inc: { attempts: 1 },
        },
      );
    }
  }

  async function loop() {
    while (running) {
      const claimed = await claim().catch((error: unknown) => {
        logger.warn({ err: error }, 'outbox claim failed');
        return null;
      });
      if (claimed) {
        try {
          await process(claimed);
        } catch (error) {
          // the database failed while recording a failure: the lease expires and the entry is retried
          logger.warn({ err: error, chat: claimed.chatId }, 'outbox entry left for a later attempt');
        } finally {
          busyChats.delete(claimed.chatId);
          await release(claimed._id).catch((error: unknown) =>
            logger.warn({ err: error }, 'outbox lease not released; it expires on its own'),
          );
        }
        continue;
      }
      await new Promise<void>((resolve) => setTimeout(resolve, idleMs));
    }
  }

  return {
    /** before start: writes what a killed process noted in the journal and did not record */
    recover: () =>
      options.journal?.recover(recordRecovered, (claims) =>
        releaseLeasesOwnedBy(
          models,
          claims.map((claim) => claim.lease),
        ),
      ) ?? Promise.resolve(0),
    start() {
      if (running) return;
      running = true;
      loops = Array.from({ length: options.workers ?? 12 }, () => loop());
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
