import { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { Logger } from '#src/logger.js';
import { isMarketplaceError, type RefusalCode } from '#src/marketplaces/errors.js';
import type { Marketplace } from '#src/marketplaces/port.js';
import type { OrderSync } from '#src/services/order-sync.js';
import { waitForOrderLock, withOrderLock } from '#src/services/order-lock.js';
import { recordAudit } from '#src/services/order-audit.js';
import { isCredentialsUnreadable, type StoreRecord, type StoreService } from '#src/services/stores.js';
import { seesStore, type StoreScope } from '#src/services/store-scope.js';

export type OrderAction =
  | { kind: 'accept' }
  | { kind: 'cancel'; reason: string; text: string | null }
  | { kind: 'status'; status: string }
  | { kind: 'ttn'; ttn: string }
  | { kind: 'take' }
  | { kind: 'hold' };

export interface Actor extends StoreScope {
  telegramId: number;
  name: string;
}

export type ActionResult =
  | { ok: true; order: OrderDoc }
  | {
      ok: false;
      /** credentials: the marketplace refuses the store's credentials, or no key opens them */
      reason: 'not_found' | 'busy' | 'not_allowed' | 'needs_text' | 'unavailable' | 'credentials';
    }
  | { ok: false; reason: 'refused'; detail: string | null; refusal?: RefusalCode }
  /** O3: someone acted on the order first (by = null: the bot) */
  | { ok: false; reason: 'done_by_other'; by: string | null; action: string };

export const TTN_PATTERN = /^\d{10,20}$/;

/** how long a second tap waits for the first one's marketplace call before answering "busy" */
const OTHER_TAP_WAIT_MS = 20_000;
/** a refused tap is explained by an action this recent */
const RECENT_ACTION_MS = 120_000;
const BUSY: ActionResult = { ok: false, reason: 'busy' };
const DECIDING_ACTIONS = new Set(['accept', 'cancel', 'status', 'ttn', 'auto-accept']);

/**
 * Who did what to the order that decides what this tap can do: among the audit entries after
 * the first `seen` ones, or among the recent ones. (A double tap finds its own first tap.)
 */
function decidedBy(order: OrderDoc, seen: number | null, now = Date.now()) {
  const entries =
    seen === null
      ? order.audit.filter((entry) => now - new Date(entry.at).getTime() <= RECENT_ACTION_MS)
      : order.audit.slice(seen);
  const decisive = entries.findLast((entry) => DECIDING_ACTIONS.has(entry.action));
  return decisive ? { by: decisive.by ?? null, action: decisive.action } : null;
}

/** Who recently did what that decides the order (a stale card's tap is answered with it). */
export const recentDecision = (order: OrderDoc) => decidedBy(order, null);

/** A tap the order no longer allows: explained by who changed it, when that was recent. */
function refusal(order: OrderDoc): ActionResult {
  const decided = recentDecision(order);
  return decided ? { ok: false, reason: 'done_by_other', ...decided } : { ok: false, reason: 'not_allowed' };
}

function isAllowed(order: OrderDoc, action: OrderAction): boolean {
  const transitions = order.data.transitions;
  switch (action.kind) {
    case 'accept':
      return transitions.some((t) => t.kind === 'accept');
    case 'cancel':
      return transitions.some((t) => t.kind === 'cancel');
    case 'status':
      return transitions.some((t) => t.status === action.status && t.kind !== 'cancel');
    case 'ttn':
      return order.statusGroup !== 'cancelled' && order.statusGroup !== 'done';
    default:
      return true;
  }
}

async function callMarketplace(
  marketplace: Marketplace,
  order: OrderDoc,
  action: OrderAction,
): Promise<void> {
  const id = order.marketplaceOrderId;
  switch (action.kind) {
    case 'accept':
      return marketplace.accept(id);
    case 'cancel':
      return marketplace.cancel(id, action.reason, action.text);
    case 'status':
      return marketplace.setStatus(id, action.status);
    case 'ttn':
      return marketplace.saveTtn(order.data, action.ttn);
    default:
      return undefined;
  }
}

export function createOrderActions(
  models: Models,
  stores: StoreService,
  orderSync: OrderSync,
  logger: Logger,
  timeZone: string,
) {
  /** The order as the marketplace has it now, stored, so every card of it tells the truth. */
  async function refresh(
    marketplace: Marketplace,
    store: StoreRecord,
    order: OrderDoc,
    changedBy: string | null,
  ) {
    try {
      const fresh = await marketplace.getOrder(order.marketplaceOrderId);
      await orderSync.storeHeldOrder(store, fresh, changedBy ? { changedBy } : {});
    } catch (error) {
      // the next poll brings the current state
      logger.warn({ order: String(order._id), err: error }, 'could not re-read the order after an action');
    }
  }

  async function performLocked(
    marketplace: Marketplace,
    store: StoreRecord,
    order: OrderDoc,
    actor: Actor,
    action: OrderAction,
  ): Promise<ActionResult> {
    try {
      await callMarketplace(marketplace, order, action);
    } catch (error) {
      logger.info(
        { order: String(order._id), action: action.kind, err: error },
        'marketplace did not take the action',
      );
      if (isMarketplaceError(error) && error.refusal === 'move_unavailable') {
        // the order moved on since its card was drawn: show what it offers now
        await refresh(marketplace, store, order, null);
        return { ok: false, reason: 'refused', detail: error.detail, refusal: error.refusal };
      }
      if (isMarketplaceError(error) && error.kind === 'auth') return { ok: false, reason: 'credentials' };
      if (isMarketplaceError(error) && (error.kind === 'refused' || error.kind === 'not_found')) {
        // the marketplace's own words when it gave some; our adapters' checks speak English, so not those
        return { ok: false, reason: 'refused', detail: error.detail };
      }
      return { ok: false, reason: 'unavailable' };
    }
    await refresh(marketplace, store, order, actor.name);
    const detail = action.kind === 'ttn' ? action.ttn : action.kind === 'cancel' ? action.reason : null;
    // a manager acting first ends a pending auto-accept
    const updated = await recordAudit(
      models,
      order,
      { by: actor.name, action: action.kind, detail },
      { timeZone, fields: order.autoAcceptState === 'scheduled' ? { autoAcceptState: 'none' } : {} },
    );
    return { ok: true, order: updated };
  }

  /**
   * Runs `work` under the order's lock: every change of a stored order is made holding it. A
   * tap that finds it held waits for the holder's outcome (up to 20 s), then tries once more.
   */
  async function whenFree(order: OrderDoc, actor: Actor, work: () => Promise<ActionResult>) {
    const attempt = () => withOrderLock(models, order._id, actor.name, work);
    const result = await attempt();
    if (result) return result;
    if (!(await waitForOrderLock(models, order._id, OTHER_TAP_WAIT_MS))) return BUSY;
    return (await attempt()) ?? BUSY;
  }

  /** O5: under the order's lock, so it cannot cross an auto-accept already in flight */
  const hold = (order: OrderDoc, actor: Actor) =>
    whenFree(order, actor, async () => {
      const current = (await models.orders.findById(order._id).lean<OrderDoc>()) ?? order;
      if (current.autoAcceptState !== 'scheduled') return refusal(current);
      const updated = await recordAudit(
        models,
        current,
        { by: actor.name, action: 'hold' },
        { timeZone, fields: { autoAcceptState: 'held' } },
      );
      return { ok: true, order: updated };
    });

  const take = (order: OrderDoc, actor: Actor) =>
    whenFree(order, actor, async () => {
      const updated = await recordAudit(
        models,
        order,
        { by: actor.name, action: 'take' },
        { timeZone, fields: { assigneeId: actor.telegramId, assigneeName: actor.name } },
      );
      return { ok: true, order: updated };
    });

  async function find(orderId: string, actor: Actor): Promise<OrderDoc | null> {
    if (!Types.ObjectId.isValid(orderId)) return null;
    const order = await models.orders.findById(orderId).lean<OrderDoc>();
    if (!order) return null;
    return seesStore(actor, order.storeId) ? order : null;
  }

  /** null for a store whose credentials no configured key opens (its admins have been alerted) */
  function marketplaceOrNull(store: StoreRecord) {
    try {
      return stores.marketplaceFor(store);
    } catch (error) {
      if (isCredentialsUnreadable(error)) return null;
      throw error;
    }
  }

  return {
    /** the order if this team member may see it */
    find,

    async cancelReasons(order: OrderDoc) {
      const store = await stores.get(order.storeId);
      return (store && marketplaceOrNull(store)?.cancelReasons(order.data)) ?? [];
    },

    /**
     * O3/O9: one tap, one marketplace call. The order is locked while the call is in flight,
     * so a double tap or a second manager waits for it instead of making a second call, and is
     * told who did what.
     */
    async perform(orderId: string, actor: Actor, action: OrderAction): Promise<ActionResult> {
      const order = await find(orderId, actor);
      if (!order) return { ok: false, reason: 'not_found' };
      if (action.kind === 'take') return take(order, actor);
      if (action.kind === 'hold') return hold(order, actor);
      if (!isAllowed(order, action)) return refusal(order);
      if (action.kind === 'ttn' && !TTN_PATTERN.test(action.ttn)) return { ok: false, reason: 'not_allowed' };
      const store = await stores.get(order.storeId);
      if (!store) return { ok: false, reason: 'not_found' };
      const marketplace = marketplaceOrNull(store);
      if (!marketplace) return { ok: false, reason: 'credentials' };
      if (action.kind === 'cancel') {
        const reason = marketplace.cancelReasons(order.data).find((r) => r.code === action.reason);
        if (!reason) return { ok: false, reason: 'not_allowed' };
        if (reason.requiresText && !action.text?.trim()) return { ok: false, reason: 'needs_text' };
      }
      const result = await withOrderLock(models, order._id, actor.name, () =>
        performLocked(marketplace, store, order, actor, action),
      );
      if (result) return result;
      // another tap (or the auto-accept) is at the marketplace: its outcome decides this answer
      if (!(await waitForOrderLock(models, order._id, OTHER_TAP_WAIT_MS)))
        return { ok: false, reason: 'busy' };
      const settled = (await models.orders.findById(order._id).lean<OrderDoc>()) ?? order;
      const decided = decidedBy(settled, order.audit.length);
      if (decided) return { ok: false, reason: 'done_by_other', ...decided };
      if (!isAllowed(settled, action)) return { ok: false, reason: 'not_allowed' };
      // the other attempt changed nothing (refused, unreachable): this tap gets its own try
      const retried = await withOrderLock(models, order._id, actor.name, () =>
        performLocked(marketplace, store, settled, actor, action),
      );
      return retried ?? { ok: false, reason: 'busy' };
    },
  };
}

export type OrderActions = ReturnType<typeof createOrderActions>;
