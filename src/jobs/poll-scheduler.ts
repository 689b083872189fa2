import { createHash } from 'node:crypto';
import { exclusive } from '#src/db/exclusive.js';
import type { Models } from '#src/db/models/index.js';
import type { Logger } from '#src/logger.js';
import type { BuyerMessages } from '#src/services/buyer-messages.js';
import type { OrderSync } from '#src/services/order-sync.js';
import type { StoreRecord, StoreService } from '#src/services/stores.js';

/** lease rows of poll slots carry this holder, so the sweep finds exactly them */
const POLL_SLOT_HOLDER = 'poll-slot';

interface StoreClock {
  intervalMs: number;
  /** where in its interval the store's slots start, so stores with one interval do not poll in step */
  phaseMs: number;
  nextAt: number;
  polling: { orders: boolean; messages: boolean };
}

export interface PollSchedulerOptions {
  models: Models;
  stores: StoreService;
  pollers: { orderSync: OrderSync; buyerMessages: BuyerMessages };
  logger: Logger;
  tickMs?: number;
  /** how often the list of active stores (and their intervals) is re-read */
  refreshMs?: number;
  /** stores polled at once by this process */
  concurrency?: number;
}

const phaseOf = (storeId: string, intervalMs: number) =>
  createHash('sha1').update(storeId).digest().readUInt32BE(0) % intervalMs;

/**
 * O1 and M1: every worker keeps the active stores in memory and polls each once per its
 * interval, orders and buyer messages side by side. A slot (store, interval number) is taken
 * by inserting its row under the leases' unique key, so however many workers run, each slot
 * is polled once, and a quiet poll costs one insert for its scheduling. (An Agenda job per
 * store locked and saved its job document on every run, too heavy at short intervals.)
 */
export function createPollScheduler(options: PollSchedulerOptions) {
  const { models, stores, pollers, logger } = options;
  const tickMs = options.tickMs ?? 200;
  const refreshMs = options.refreshMs ?? 5_000;
  // a poll mostly waits on the marketplace (Prom wants ≥ 0.4 s between a token's calls)
  const concurrency = options.concurrency ?? 128;
  const clocks = new Map<string, StoreClock>();
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let lastRefreshAt = 0;
  let lastSweepAt = Date.now();
  let refreshing: Promise<void> | null = null;
  /** when a tick last ran through (or the loop started): the loop's heartbeat for /healthz */
  let lastTickOkAt: number | null = null;

  const clockFor = (storeId: string, intervalMs: number, now: number): StoreClock => ({
    intervalMs,
    phaseMs: phaseOf(storeId, intervalMs),
    nextAt: now,
    polling: { orders: false, messages: false },
  });

  async function refresh(now: number) {
    const active = await stores.listActive();
    const seen = new Set<string>();
    for (const store of active) {
      const storeId = String(store._id);
      const intervalMs = store.pollIntervalSeconds * 1000;
      seen.add(storeId);
      const clock = clocks.get(storeId);
      if (!clock || clock.intervalMs !== intervalMs) clocks.set(storeId, clockFor(storeId, intervalMs, now));
    }
    for (const storeId of clocks.keys()) if (!seen.has(storeId)) clocks.delete(storeId);
    lastRefreshAt = now;
  }

  /** true when this process is to poll the store in the slot `now` falls in */
  async function takeSlot(storeId: string, clock: StoreClock, now: number): Promise<boolean> {
    const slot = Math.floor((now + clock.phaseMs) / clock.intervalMs);
    clock.nextAt = (slot + 1) * clock.intervalMs - clock.phaseMs;
    // never released: the slot's row is what tells other workers this interval is polled
    const claim = await exclusive(models, `poll:${storeId}:${slot}`, {
      ttlMs: clock.nextAt + clock.intervalMs - now,
      holder: POLL_SLOT_HOLDER,
    });
    return claim !== null;
  }

  /** a failed poll is already in the operation log and the health checks; it must not stop the loop */
  async function pollKind(store: StoreRecord, clock: StoreClock, kind: 'orders' | 'messages') {
    if (clock.polling[kind]) return;
    clock.polling[kind] = true;
    try {
      if (kind === 'orders') await pollers.orderSync.pollStore(store);
      else await pollers.buyerMessages.pollStore(store);
    } catch (error) {
      logger.debug({ store: String(store._id), kind, err: error }, 'poll failed');
    } finally {
      clock.polling[kind] = false;
    }
  }

  async function pollStore(storeId: string, clock: StoreClock, now: number) {
    let store: StoreRecord | null;
    try {
      if (!(await takeSlot(storeId, clock, now))) return;
      // read once for both pollers: its watermark and status as of this slot
      store = await stores.get(storeId);
    } catch (error) {
      clock.nextAt = now + Math.min(clock.intervalMs, 5_000);
      logger.warn({ store: storeId, err: error }, 'could not start a poll; trying again soon');
      return;
    }
    if (!store || store.status === 'paused') return;
    await Promise.all([pollKind(store, clock, 'orders'), pollKind(store, clock, 'messages')]);
  }

  function track(work: Promise<void>) {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }

  /** slot rows of past intervals; there is no TTL index on FerretDB */
  async function sweep(now: number) {
    lastSweepAt = now;
    await models.leases.deleteMany({ holder: POLL_SLOT_HOLDER, until: { $lt: new Date(now) } });
  }

  async function tick() {
    const now = Date.now();
    if (now - lastRefreshAt >= refreshMs) {
      refreshing ??= refresh(now).finally(() => (refreshing = null));
      await refreshing;
    }
    if (now - lastSweepAt >= 60_000) await sweep(now);
    for (const [storeId, clock] of clocks) {
      if (inFlight.size >= concurrency) break;
      const busy = clock.polling.orders && clock.polling.messages;
      if (clock.nextAt > now || busy) continue;
      clock.nextAt = Number.POSITIVE_INFINITY; // until its slot is decided
      track(pollStore(storeId, clock, now));
    }
  }

  function schedule() {
    timer = setTimeout(() => {
      tick()
        .then(() => (lastTickOkAt = Date.now()))
        .catch((error: unknown) => logger.warn({ err: error }, 'poll scheduler tick failed'))
        .finally(() => {
          if (timer) schedule();
        });
    }, tickMs);
  }

  return {
    start() {
      if (timer) return;
      lastTickOkAt = Date.now();
      schedule();
    },
    /** ms since the loop last ran through a tick; null while it is not running */
    sinceLastTick(): number | null {
      return timer && lastTickOkAt !== null ? Date.now() - lastTickOkAt : null;
    },
    /** a store connected or resumed: polled at the next tick, not at the next refresh */
    wake() {
      lastRefreshAt = 0;
    },
    /** stops starting polls and waits (at most `timeoutMs`) for the running ones */
    async stop(timeoutMs: number) {
      if (timer) clearTimeout(timer);
      timer = null;
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(inFlight),
        new Promise<void>((resolve) => (timeout = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timeout);
    },
  };
}

export type PollScheduler = ReturnType<typeof createPollScheduler>;

/** What the admin features tell the pollers: a store was connected, resumed, paused or retimed. */
export interface StorePolling {
  storesChanged(): void;
}
