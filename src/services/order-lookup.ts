import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import { z } from 'zod';
import { exclusive } from '#src/db/exclusive.js';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import { orderStatusGroupSchema } from '#src/marketplaces/port.js';
import type { Actor } from '#src/services/order-actions.js';
import { seesStore, storeCondition } from '#src/services/store-scope.js';
import { localDayStart } from '#src/services/local-time.js';
import { mailboxKey } from '#src/services/outbox.js';

export const lookupPeriodSchema = z.enum(['today', 'week', 'month', 'all']);
export type LookupPeriod = z.infer<typeof lookupPeriodSchema>;
export const lookupStatusSchema = z.enum(['all', ...orderStatusGroupSchema.options]);
export type LookupStatus = z.infer<typeof lookupStatusSchema>;

export interface OrderListFilter {
  /** null: every store the member may see */
  storeId: string | null;
  status: LookupStatus;
  period: LookupPeriod;
}

export const ORDER_LIST_PAGE_SIZE = 8;
/** how long a lookup waits for the sender to finish with the card it replaces, and holds it */
const CARD_HOLD_WAIT_MS = 5_000;
const CARD_HOLD_RETRY_MS = 100;
const CARD_HOLD_MS = 30_000;
const TEXT_MATCH_LIMIT = 10;
/** the national part of a Ukrainian number; "067…", "+38067…" and "38067…" all end in it */
const PHONE_TAIL_DIGITS = 9;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createOrderLookup(models: Models, timeZone: string) {
  const visibleTo = (actor: Actor) => storeCondition(actor);

  function periodStart(period: LookupPeriod, now: Date): Date | null {
    if (period === 'all') return null;
    const days = { today: 0, week: 6, month: 29 }[period];
    return localDayStart(now, timeZone, -days);
  }

  return {
    /** O8 `/order <text>`: an order number first, then a phone, then a buyer's name. */
    async byText(actor: Actor, text: string): Promise<OrderDoc[]> {
      const query = text.trim();
      if (!query) return [];
      const scope = visibleTo(actor);
      const byNumber = await models.orders
        .find({ ...scope, number: query })
        .limit(TEXT_MATCH_LIMIT)
        .lean<OrderDoc[]>();
      if (byNumber.length > 0) return byNumber;
      const digits = query.replace(/\D/g, '');
      const looksLikePhone = digits.length >= 7 && /^[\d\s()+-]+$/.test(query);
      const filter = looksLikePhone
        ? { buyerPhone: { $regex: `${digits.slice(-PHONE_TAIL_DIGITS)}$` } }
        : { buyerName: { $regex: escapeRegex(query), $options: 'i' } };
      return models.orders
        .find({ ...scope, ...filter })
        .sort({ placedAt: -1 })
        .limit(TEXT_MATCH_LIMIT)
        .lean<OrderDoc[]>();
    },

    /** O8 `/orders`: one page of the newest orders matching the filter. */
    async list(actor: Actor, filter: OrderListFilter, page: number, now = new Date()) {
      if (filter.storeId && !seesStore(actor, filter.storeId)) {
        return { orders: [], total: 0, pages: 1, page: 0 };
      }
      const since = periodStart(filter.period, now);
      const query = {
        ...visibleTo(actor),
        ...(filter.storeId ? { storeId: filter.storeId } : {}),
        ...(filter.status !== 'all' ? { statusGroup: filter.status } : {}),
        ...(since ? { placedAt: { $gte: since } } : {}),
      };
      const total = await models.orders.countDocuments(query);
      const pages = Math.max(1, Math.ceil(total / ORDER_LIST_PAGE_SIZE));
      const current = Math.min(Math.max(page, 0), pages - 1);
      const orders = await models.orders
        .find(query)
        .sort({ placedAt: -1 })
        .skip(current * ORDER_LIST_PAGE_SIZE)
        .limit(ORDER_LIST_PAGE_SIZE)
        .lean<OrderDoc[]>();
      return { orders, total, pages, page: current };
    },

    /** the stores a member may filter by, in a stable order */
    async storesOf(actor: Actor): Promise<{ id: string; name: string }[]> {
      const stores = await models.stores.find(storeCondition(actor, '_id')).sort({ name: 1 }).lean();
      return stores.map((store) => ({ id: String(store._id), name: store.name }));
    },

    /**
     * A card shown on request becomes the chat's live copy: later changes edit this message,
     * not an older one further up. Returns the message it replaces, which the caller retires.
     */
    async adoptCard(
      orderId: Types.ObjectId,
      chatId: number,
      threadId: number,
      messageId: number,
      version: number,
    ): Promise<number | null> {
      const where = { orderId, chatId, threadId };
      const previous = await models.cards.findOne(where).lean();
      const replaced = previous && previous.messageId !== messageId ? previous.messageId : null;
      await models.cards.updateOne(
        where,
        {
          $set: { messageId, version, textHash: '' },
          ...(replaced === null ? {} : { $addToSet: { retiredMessageIds: replaced } }),
        },
        { upsert: true },
      );
      return replaced;
    },

    /**
     * Runs `work` (send a new copy, adopt it, retire the old one) while the sender cannot write
     * to this chat: it holds the chat's mailbox, so an edit already in flight lands on the old
     * copy before it is retired, not after.
     */
    async withCardHeld<T>(destination: { chatId: number }, work: () => Promise<T>): Promise<T> {
      const hold = () =>
        exclusive(models, mailboxKey(destination.chatId), { ttlMs: CARD_HOLD_MS, holder: 'lookup' });
      const deadline = Date.now() + CARD_HOLD_WAIT_MS;
      let claim = await hold();
      while (!claim && Date.now() < deadline) {
        await sleep(CARD_HOLD_RETRY_MS);
        claim = await hold();
      }
      // a sender stuck longer than that: go on; a tap on the old copy is still turned away
      try {
        return await work();
      } finally {
        await claim?.release();
      }
    },

    /** true when this message was a copy of the order's card that a newer copy replaced */
    async isRetiredCopy(orderId: string, chatId: number, messageId: number): Promise<boolean> {
      if (!Types.ObjectId.isValid(orderId)) return false;
      return Boolean(await models.cards.exists({ orderId, chatId, retiredMessageIds: messageId }));
    },
  };
}

export type OrderLookup = ReturnType<typeof createOrderLookup>;
