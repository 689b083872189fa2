import type { Types } from 'mongoose';
import { z } from 'zod';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import { orderStatusGroupSchema } from '#src/marketplaces/port.js';
import type { Actor } from '#src/services/order-actions.js';
import { seesStore, storeCondition } from '#src/services/store-scope.js';
import { localDayStart } from '#src/services/local-time.js';

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
     * not an older one further up.
     */
    async adoptCard(
      orderId: Types.ObjectId,
      chatId: number,
      threadId: number,
      messageId: number,
      version: number,
    ) {
      await models.cards.updateOne(
        { orderId, chatId, threadId },
        { $set: { messageId, version, textHash: '' } },
        { upsert: true },
      );
    },
  };
}

export type OrderLookup = ReturnType<typeof createOrderLookup>;
