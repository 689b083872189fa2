import { z } from 'zod';
import { MarketplaceError, isMarketplaceError } from '#src/marketplaces/errors.js';
import type { Logger } from '#src/logger.js';
import { ordersOrSkipped } from '#src/marketplaces/malformed.js';
import type { Order } from '#src/marketplaces/port.js';
import type { RozetkaClient } from '#src/marketplaces/rozetka/client.js';
import { badShapeError } from '#src/marketplaces/rozetka/envelope.js';
import { formatKyiv } from '#src/marketplaces/rozetka/kyiv-time.js';
import { eachPage } from '#src/marketplaces/rozetka/paging.js';
import { orderListContentSchema, rawOrderSchema } from '#src/marketplaces/rozetka/schemas.js';
import {
  ACCEPT_STATUS_ID,
  DUPLICATE_STATUS_ID,
  TTN_STATUS_IDS,
  isCancellationStatus,
  statusLabel,
  waybillMove,
} from '#src/marketplaces/rozetka/statuses.js';
import { toOrder } from '#src/marketplaces/rozetka/to-domain.js';

const ORDER_EXPAND = 'user,delivery,purchases,status_data,payment,status_available';
/**
 * Re-read a few minutes before the watermark on every poll, whatever its `WatermarkReach`:
 * Rozetka's clock and ours may differ, and commits lag.
 */
const ORDER_WATERMARK_OVERLAP_MS = 5 * 60_000;
/** What "recent" means on a store's first poll. */
const FIRST_POLL_WINDOW_MS = 3 * 86_400_000;
/**
 * `types=1` is "all": without it `/orders/search` returns only orders in processing, so a poll
 * would never see a cancellation or a delivered order (spec §0.1).
 */
export const ALL_ORDERS_TYPES = 1;
/** A move refused as unavailable from the order's current status (spec §0.2). */
const MOVE_UNAVAILABLE_CODE = /^1005 /;

export interface OrdersContext {
  client: RozetkaClient;
  logger?: Logger | undefined;
  cabinetUrl: string;
  now: () => Date;
}

type OrderUpdate = { status: number; ttn?: string; seller_comment?: string; duplicate_order_id?: number };

const refuse = (message: string) => new MarketplaceError('refused', message);

export function parseOrder(json: unknown, cabinetUrl: string): Order {
  const parsed = rawOrderSchema.safeParse(json);
  if (!parsed.success) throw badShapeError('Rozetka sent an order in an unexpected shape', parsed.error);
  return toOrder(parsed.data, json, cabinetUrl);
}

function orderPath(orderId: string): string {
  return `/orders/${encodeURIComponent(orderId)}`;
}

function statusId(status: string): number {
  if (!/^\d+$/.test(status)) throw refuse(`"${status}" is not a Rozetka status`);
  return Number(status);
}

export function createOrderOperations({ client, cabinetUrl, now, logger }: OrdersContext) {
  async function update(orderId: string, body: OrderUpdate, action: string): Promise<void> {
    try {
      await client.call({ method: 'PUT', path: orderPath(orderId), body, content: z.unknown(), action });
    } catch (error) {
      if (
        isMarketplaceError(error) &&
        error.kind === 'refused' &&
        MOVE_UNAVAILABLE_CODE.test(error.detail ?? '')
      ) {
        throw new MarketplaceError('refused', error.message, error.detail, {
          cause: error,
          refusal: 'move_unavailable',
        });
      }
      throw error;
    }
  }

  async function getOrder(orderId: string): Promise<Order> {
    const json = await client.call({
      path: orderPath(orderId),
      params: { expand: ORDER_EXPAND },
      content: z.unknown(),
      action: `read order ${orderId}`,
    });
    return parseOrder(json, cabinetUrl);
  }

  const describeMove = (orderId: string, status: number) =>
    `move order ${orderId} to "${statusLabel(status)}" (${status})`;

  return {
    async listChangedOrders(since: Date | null): Promise<Order[]> {
      const from = since
        ? new Date(since.getTime() - ORDER_WATERMARK_OVERLAP_MS)
        : new Date(now().getTime() - FIRST_POLL_WINDOW_MS);
      const byId = new Map<string, Order>();
      const pages = eachPage(async (page) => {
        const content = await client.call({
          path: '/orders/search',
          // ascending ids keep pages stable while new orders arrive during the walk
          params: {
            types: ALL_ORDERS_TYPES,
            changed_from: formatKyiv(from),
            expand: ORDER_EXPAND,
            sort: 'id',
            page,
          },
          content: orderListContentSchema,
          action: 'list orders',
        });
        return { rows: content.orders, meta: content._meta };
      });
      for await (const rows of pages) {
        for (const order of ordersOrSkipped(rows, (json) => parseOrder(json, cabinetUrl), logger)) {
          byId.set(order.marketplaceOrderId, order);
        }
      }
      return [...byId.values()];
    },

    getOrder,

    accept(orderId: string): Promise<void> {
      return update(orderId, { status: ACCEPT_STATUS_ID }, `accept order ${orderId}`);
    },

    async cancel(orderId: string, reason: string, text: string | null): Promise<void> {
      const status = statusId(reason);
      if (!isCancellationStatus(status))
        throw refuse(`"${statusLabel(status)}" is not a cancellation status`);
      const note = text?.trim() || null;
      if (status === DUPLICATE_STATUS_ID) {
        if (!note || !/^\d+$/.test(note)) {
          throw refuse('Cancelling as a duplicate needs the number of the order it duplicates');
        }
        return update(orderId, { status, duplicate_order_id: Number(note) }, `cancel order ${orderId}`);
      }
      return update(orderId, note ? { status, seller_comment: note } : { status }, `cancel order ${orderId}`);
    },

    async setStatus(orderId: string, status: string, options?: { ttn?: string }): Promise<void> {
      const id = statusId(status);
      const ttn = options?.ttn?.trim() || null;
      if (TTN_STATUS_IDS.has(id) && !ttn) throw refuse(`"${statusLabel(id)}" needs a TTN (waybill number)`);
      if (id === DUPLICATE_STATUS_ID)
        throw refuse('Cancelling as a duplicate needs the duplicate order number');
      return update(orderId, ttn ? { status: id, ttn } : { status: id }, describeMove(orderId, id));
    },

    /**
     * The TTN goes with the move the order itself offers for a waybill (spec §0.2), read live
     * because the stored copy may be behind: never a hard-coded 3, which 26 does not offer.
     */
    async saveTtn(order: Order, ttn: string): Promise<void> {
      const waybill = ttn.trim();
      if (!waybill) throw refuse('The TTN (waybill number) is empty');
      const orderId = order.marketplaceOrderId;
      const live = await getOrder(orderId);
      const status = waybillMove(live.transitions.map((transition) => Number(transition.status)));
      if (status === null) {
        throw new MarketplaceError(
          'refused',
          `Rozetka offers no move that takes a TTN from "${live.statusLabel}"`,
          null,
          { refusal: 'move_unavailable' },
        );
      }
      await update(orderId, { status, ttn: waybill }, `save TTN ${waybill} for order ${orderId}`);
    },
  };
}
