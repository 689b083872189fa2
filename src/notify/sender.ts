import { GrammyError, type Api } from 'grammy';
import { exclusive, type Claim } from '#src/db/exclusive.js';
import type { Models } from '#src/db/models/index.js';
import type { Logger } from '#src/logger.js';
import {
  createDelivery,
  pendingAmong,
  recordSent,
  type DeliveryOptions,
  type OutboxEntry,
  type PreparedCard,
} from '#src/notify/delivery.js';
import type { SendPacer } from '#src/notify/rate-limiter.js';
import { chatIsUnreachable, isChatBlocked, markChatBlocked } from '#src/services/blocked-chats.js';
import { mailboxKey, onEnqueued } from '#src/services/outbox.js';

export interface SenderOptions extends Omit<DeliveryOptions, 'digest' | 'turn'> {
  models: Models;
  api: Api;
  pacer: SendPacer;
  logger: Logger;
  /** J5: groups with at least `threshold` new cards waiting get one digest instead */
  digest?: { threshold: number; render: NonNullable<DeliveryOptions['digest']> };
  /** a request that failed this many times is given up (dead-lettered) */
  maxAttempts?: number;
  /** chats drained at once by this process; each mostly waits for its chat's turn */
  maxChats?: number;
  claimMs?: number;
  idleMs?: number;
}

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
  // 5xx, network failures (HttpError), a request that cannot be rendered, our database: later
  return { kind: 'transient' };
}

/** what a request skipped for a blocked chat records instead of an error */
const SKIPPED_BLOCKED = 'skipped: the chat blocked the bot';
/** requests read per turn of a chat: a digest or a run of cards is chosen with them in hand */
const BATCH = 100;
/** a chat whose turn is further off than this is not held meanwhile */
const LONG_WAIT_MS = 5_000;
/** a chat another worker holds is not tried again by this one for this long */
const BUSY_CHAT_BACKOFF_MS = 1000;

/** cards settled together at most this many at a time (see `Unit.recorded`) */
const SETTLE_EVERY = 10;

/** One unit of a chat's turn: the requests of one card, one digest, or one one-off message. */
interface Unit {
  run: (prepared?: Promise<PreparedCard>) => Promise<void>;
  /**
   * A card's record of what it shows is written before its next message, so sent again it
   * sends nothing: its requests may be settled with the next ones. Anything else is settled
   * before the chat's next message, or a kill would send it twice.
   */
  recorded?: boolean;
  /** a card's reads, done while the chat waits out its pace for the unit before */
  prepare?: () => Promise<PreparedCard>;
  entries: OutboxEntry[];
}

function prepareAhead(unit: Unit | undefined): Promise<PreparedCard> | undefined {
  const prepared = unit?.prepare?.();
  // a unit never reached (the chat was let go) leaves its failure unread
  prepared?.catch(() => undefined);
  return prepared;
}

/**
 * The only writer of notifications to Telegram. The unit of work is a chat's mailbox: a worker
 * claims a chat with due requests, drains them in order at that chat's pace and releases it, so
 * no chat waits behind another and a dead worker's chats are free again within the claim's ttl.
 * A kill can then double at most the one message in flight in each chat the worker held: the
 * Bot API has no idempotency key to do better.
 */
export function createOutboxSender(options: SenderOptions) {
  const { models, pacer, logger } = options;
  const held = new Map<number, Claim>();
  /** before every message: the chat's pace, then proof the chat is still ours (a claim that ran out may be another worker's) */
  async function turn(chatId: number) {
    await pacer.acquire(chatId);
    if (!(await held.get(chatId)?.heartbeat())) throw new MailboxLost(chatId);
  }
  const delivery = createDelivery({ ...options, turn, digest: options.digest?.render });
  const maxAttempts = options.maxAttempts ?? 8;
  const maxChats = options.maxChats ?? 64;
  const claimMs = options.claimMs ?? 45_000;
  const idleMs = options.idleMs ?? 200;
  const draining = new Map<number, Promise<void>>();
  /** chats whose claim is being asked for: the outbox read and a signal of new requests may name one at once */
  const taking = new Set<number>();
  const busyUntil = new Map<number, number>();
  let running = false;

  /** the chat's due requests as units in the order they were asked for */
  async function plan(chatId: number, due: OutboxEntry[]): Promise<Unit[]> {
    const bySubject = new Map<string, OutboxEntry[]>();
    for (const entry of due) {
      const subject = subjectOf(entry);
      bySubject.set(subject, [...(bySubject.get(subject) ?? []), entry]);
    }
    const groups = [...bySubject.values()];
    const digested = new Set(chatId < 0 ? await newOrderCards(chatId, groups) : []);
    const units: Unit[] = [];
    if (digested.size > 0) {
      const entries = [...digested].flat();
      units.push({ entries, run: () => delivery.digest(entries) });
    }
    for (const entries of groups) {
      if (digested.has(entries)) continue;
      const [entry] = entries as [OutboxEntry];
      // an order card is read ahead; a buyer message's card may answer one sent just before it
      if (entry.kind === 'order_card') {
        units.push({
          entries,
          recorded: true,
          prepare: () => delivery.prepareCard(entries),
          run: (prepared) => delivery.card(entries, prepared),
        });
        continue;
      }
      if (entry.kind === 'message_card') {
        units.push({ entries, recorded: true, run: () => delivery.card(entries) });
        continue;
      }
      const run =
        entry.kind === 'file'
          ? () => delivery.file(entry)
          : entry.kind === 'progress'
            ? () => delivery.progress(entries)
            : () => delivery.notice(entry);
      units.push({ entries, run });
    }
    return units;
  }

  /** order cards in a group chat never sent there, when there are enough of them for a digest */
  async function newOrderCards(chatId: number, groups: OutboxEntry[][]): Promise<OutboxEntry[][]> {
    const orderCards = groups.filter((entries) => entries[0]?.kind === 'order_card');
    if (orderCards.length < (options.digest?.threshold ?? Infinity)) return [];
    const shown = await models.cards
      .find({ chatId, orderId: { $in: orderCards.map((entries) => entries[0]?.orderId ?? null) } })
      .select({ orderId: 1, threadId: 1 })
      .lean<{ orderId: unknown; threadId: number }[]>();
    const shownKeys = new Set(shown.map((card) => `${String(card.orderId)}:${card.threadId}`));
    return orderCards.filter(
      (entries) => !shownKeys.has(`${String(entries[0]?.orderId)}:${entries[0]?.threadId}`),
    );
  }

  /** a unit's failure: postponed, given up, or the chat's requests skipped; true to go on with the chat */
  async function failed(chatId: number, unit: Unit, error: unknown): Promise<boolean> {
    if (error instanceof MailboxLost) {
      logger.warn({ chat: chatId }, 'mailbox claim lost; another worker has the chat');
      return false;
    }
    const failure = classify(error);
    const ids = pendingAmong(unit.entries);
    if (failure.kind === 'unreachable') {
      if (await markChatBlocked(models, chatId, failure.reason))
        logger.warn({ chat: chatId }, 'chat blocked the bot; its notifications are skipped until it writes');
      await skipBlocked(chatId);
      return false;
    }
    const attempts = Math.max(...unit.entries.map((entry) => entry.attempts)) + 1;
    if (failure.kind === 'permanent' || attempts >= maxAttempts) {
      const reason = failure.kind === 'permanent' ? failure.reason : describe(error);
      logger.warn({ chat: chatId, reason, attempts }, 'notification given up');
      await models.outbox.updateMany(ids, {
        $set: { pending: false, dead: true, lastError: reason },
        $unset: { file: 1 },
      });
      return true;
    }
    const delayMs =
      failure.kind === 'retry_after' ? failure.ms : Math.min(60_000, 1000 * 2 ** Math.min(attempts, 6));
    if (failure.kind === 'retry_after') pacer.pause(chatId, delayMs);
    logger.info({ chat: chatId, delayMs, kind: failure.kind, err: error }, 'notification postponed');
    await models.outbox.updateMany(ids, {
      $set: { notBefore: new Date(Date.now() + delayMs), lastError: describe(error) },
      // Telegram asking us to slow down is no fault of the request
      ...(failure.kind === 'retry_after' ? {} : { $inc: { attempts: 1 } }),
    });
    return false;
  }

  const skipBlocked = (chatId: number) =>
    models.outbox.updateMany(
      { chatId, pending: true },
      { $set: { pending: false, lastError: SKIPPED_BLOCKED }, $unset: { file: 1 } },
    );

  const settle = (entries: OutboxEntry[]) =>
    models.outbox.updateMany(pendingAmong(entries), {
      $set: { pending: false, lastError: null },
      $unset: { file: 1 },
    });

  /** one turn's units in order; the requests of those sent are settled whatever happens after */
  async function runUnits(chatId: number, units: Unit[]): Promise<boolean> {
    const done: OutboxEntry[] = [];
    const flush = async () => {
      if (done.length > 0) await recordSent(() => settle(done.splice(0)));
    };
    let ahead = prepareAhead(units[0]);
    try {
      for (const [index, unit] of units.entries()) {
        if (!running) return false;
        const prepared = ahead;
        ahead = prepareAhead(units[index + 1]);
        try {
          await unit.run(prepared);
        } catch (error) {
          await flush();
          if (await failed(chatId, unit, error)) continue;
          return false;
        }
        done.push(...unit.entries);
        if (!unit.recorded || done.length >= SETTLE_EVERY) await flush();
      }
      return true;
    } finally {
      await flush();
    }
  }

  const readDue = (chatId: number) =>
    models.outbox
      .find({ chatId, pending: true, notBefore: { $lte: new Date() } })
      // requests written in one command share a time; their ids keep the order they were made in
      .sort({ createdAt: 1, _id: 1 })
      .limit(BATCH)
      .lean<OutboxEntry[]>();

  /** drains one chat while this process holds its mailbox, until nothing is due */
  async function drain(chatId: number): Promise<void> {
    let checked = false;
    while (running) {
      // a chat told to wait (429) is let go meanwhile, rather than held with its claim running out
      if (pacer.nextTurnAt(chatId) - Date.now() > LONG_WAIT_MS) return;
      // the backlog grows while the chat waits for its turn; it is read after the wait
      await pacer.waitTurn(chatId);
      const [blocked, due] = await Promise.all([!checked && isChatBlocked(models, chatId), readDue(chatId)]);
      if (blocked) return void (await skipBlocked(chatId));
      checked = true;
      if (due.length === 0) return;
      if (!(await runUnits(chatId, await plan(chatId, due)))) return;
    }
  }

  async function take(chatId: number) {
    taking.add(chatId);
    const claim = await exclusive(models, mailboxKey(chatId), { ttlMs: claimMs, holder: 'sender' }).finally(
      () => taking.delete(chatId),
    );
    if (!claim) {
      busyUntil.set(chatId, Date.now() + BUSY_CHAT_BACKOFF_MS);
      return;
    }
    held.set(chatId, claim);
    const work = drain(chatId)
      .catch((error: unknown) => logger.warn({ err: error, chat: chatId }, 'chat left for a later turn'))
      .finally(async () => {
        draining.delete(chatId);
        held.delete(chatId);
        await claim
          .release()
          .catch((error: unknown) =>
            logger.warn({ err: error }, 'mailbox claim not released; it runs out on its own'),
          );
      });
    draining.set(chatId, work);
  }

  /** takes those of `chats` that no drain of this process has, while it has room */
  async function takeFree(chats: number[]) {
    if (!running) return;
    const now = Date.now();
    const free = chats.filter(
      (chatId) =>
        !draining.has(chatId) &&
        !taking.has(chatId) &&
        (busyUntil.get(chatId) ?? 0) <= now &&
        pacer.nextTurnAt(chatId) - now <= LONG_WAIT_MS,
    );
    const room = Math.max(0, maxChats - draining.size - taking.size);
    // claimed all at once: one at a time, a burst's last chat waited out every claim before it
    await Promise.all(
      free
        .sort(() => Math.random() - 0.5)
        .slice(0, room)
        .map((chatId) => take(chatId)),
    );
  }

  /** chats with due requests, in one indexed read */
  async function discover() {
    const now = Date.now();
    const chats = (await models.outbox.distinct('chatId', {
      pending: true,
      notBefore: { $lte: new Date(now) },
    })) as number[];
    await takeFree(chats);
    for (const [chatId, until] of busyUntil) if (until <= now) busyUntil.delete(chatId);
  }

  let endIdle = () => {};
  async function loop() {
    while (running) {
      await discover().catch((error: unknown) => logger.warn({ err: error }, 'outbox read failed'));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        endIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  let looping: Promise<void> = Promise.resolve();
  const signalled = new Set<Promise<void>>();
  let stopListening = () => {};
  return {
    start() {
      if (running) return;
      running = true;
      looping = loop();
      stopListening = onEnqueued((chats) => {
        if (!running) return;
        const claiming = takeFree(chats)
          .catch((error: unknown) => logger.warn({ err: error }, 'outbox claim failed'))
          .finally(() => signalled.delete(claiming));
        signalled.add(claiming);
      });
    },
    running: () => running,
    /** finishes the messages in flight, then releases every chat */
    async stop() {
      running = false;
      stopListening();
      endIdle();
      await Promise.all([looping, ...signalled]);
      await Promise.all(draining.values());
    },
  };
}

/** the requests of one card go together; a progress message's by the message; the rest alone */
function subjectOf(entry: OutboxEntry): string {
  if (entry.kind === 'order_card') return `order:${String(entry.orderId)}:${entry.threadId}`;
  if (entry.kind === 'message_card') return `message:${String(entry.buyerMessageId)}:${entry.threadId}`;
  // a progress key is progress:<message id>:<step>:<chat>:<thread>
  if (entry.kind === 'progress') return entry.key.split(':').slice(0, 2).join(':');
  return String(entry._id);
}

class MailboxLost extends Error {
  constructor(chatId: number) {
    super(`the mailbox of chat ${chatId} is no longer ours`);
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export type OutboxSender = ReturnType<typeof createOutboxSender>;
