import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { Logger } from '#src/logger.js';
import { isMarketplaceError } from '#src/marketplaces/errors.js';
import type { Order } from '#src/marketplaces/port.js';
import { withOrderLock } from '#src/services/order-lock.js';
import { recordAudit } from '#src/services/order-audit.js';
import type { OrderSync } from '#src/services/order-sync.js';
import { cardDestinations, enqueueOrderCard } from '#src/services/outbox.js';
import type { StoreRecord, StoreService } from '#src/services/stores.js';
import { firstMomentInWindow } from '#src/services/clock-window.js';

const RETRY_AFTER_FAILURE_MS = 60_000;
const BATCH = 100;

const canAccept = (order: Order) =>
  order.statusGroup === 'new' && order.transitions.some((transition) => transition.kind === 'accept');

/** O5: when a new order of this store is due for auto-accept, or null when it never is. */
export function autoAcceptDueAt(store: StoreRecord, order: Order, timeZone: string): Date | null {
  if (!store.autoAcceptDelayMinutes || !canAccept(order)) return null;
  const window =
    store.workingHoursFrom && store.workingHoursTo
      ? { from: store.workingHoursFrom, to: store.workingHoursTo }
      : null;
  const due = new Date(order.createdAt.getTime() + store.autoAcceptDelayMinutes * 60_000);
  return firstMomentInWindow(due, window, timeZone);
}

export type AutoAcceptOutcome = 'accepted' | 'left_alone' | 'postponed' | 'busy';

export function createAutoAccept(
  models: Models,
  stores: StoreService,
  orderSync: OrderSync,
  logger: Logger,
  timeZone: string,
) {
  /** the countdown ends without an acceptance; the card drops it */
  async function endCountdown(order: OrderDoc, fields: Record<string, unknown>) {
    await models.orders.updateOne({ _id: order._id }, { $set: fields, $inc: { version: 1 } });
    const version = order.version + 1;
    await enqueueOrderCard(models, order._id, version, await cardDestinations(models, order._id));
  }

  async function acceptLocked(order: OrderDoc): Promise<AutoAcceptOutcome> {
    const current = await models.orders.findById(order._id).lean<OrderDoc>();
    if (!current || current.autoAcceptState !== 'scheduled') return 'left_alone';
    const store = await stores.get(current.storeId);
    if (!store || store.status === 'paused') return 'left_alone';
    const marketplace = stores.marketplaceFor(store);
    try {
      // a manager may have handled it on the marketplace since our last poll
      const fresh = await marketplace.getOrder(current.marketplaceOrderId);
      const { order: stored } = await orderSync.storeHeldOrder(store, fresh);
      if (!canAccept(fresh)) {
        await endCountdown(stored, { autoAcceptState: 'none' });
        return 'left_alone';
      }
      await marketplace.accept(current.marketplaceOrderId);
      const accepted = await marketplace.getOrder(current.marketplaceOrderId).catch(() => null);
      const latest = accepted
        ? (await orderSync.storeHeldOrder(store, accepted, { changedBy: 'auto-accept' })).order
        : stored;
      await recordAudit(
        models,
        latest,
        { by: null, action: 'auto-accept' },
        { timeZone, fields: { autoAcceptState: 'done' } },
      );
      logger.info({ order: String(order._id) }, 'order accepted automatically');
      return 'accepted';
    } catch (error) {
      if (isMarketplaceError(error) && (error.kind === 'refused' || error.kind === 'not_found')) {
        logger.warn({ order: String(order._id), err: error }, 'marketplace refused the auto-accept');
        await recordAudit(
          models,
          current,
          { by: null, action: 'auto-accept-failed', detail: error.detail },
          { timeZone, fields: { autoAcceptState: 'none' } },
        );
        return 'left_alone';
      }
      logger.info({ order: String(order._id), err: error }, 'auto-accept postponed: marketplace unavailable');
      await models.orders.updateOne(
        { _id: order._id },
        { $set: { autoAcceptAt: new Date(Date.now() + RETRY_AFTER_FAILURE_MS) } },
      );
      return 'postponed';
    }
  }

  return {
    /** Accepts every order whose countdown ended; each under its lock, so exactly once. */
    async runDue(now = new Date()): Promise<Record<AutoAcceptOutcome, number>> {
      const due = await models.orders
        .find({ autoAcceptState: 'scheduled', autoAcceptAt: { $lte: now } })
        .sort({ autoAcceptAt: 1 })
        .limit(BATCH)
        .lean<OrderDoc[]>();
      const counts: Record<AutoAcceptOutcome, number> = { accepted: 0, left_alone: 0, postponed: 0, busy: 0 };
      for (const order of due) {
        const outcome =
          (await withOrderLock(models, order._id, 'auto-accept', () => acceptLocked(order))) ?? 'busy';
        counts[outcome]++;
      }
      return counts;
    },
  };
}

export type AutoAccept = ReturnType<typeof createAutoAccept>;
