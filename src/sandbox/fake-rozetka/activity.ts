import type { FakeRozetkaState } from '#src/sandbox/fake-rozetka/state.js';

/**
 * How an order moves on by itself in the sandbox: the seller's steps in the cabinet (the TTN goes
 * with 61), then the carrier's tracking up to "delivered" (6). Now and then the buyer cancels (45),
 * which a poll only sees with `types=1` (spec §0.1).
 */
const NEXT_STATUS: Record<number, number> = { 1: 26, 26: 2, 2: 61, 61: 3, 3: 4, 4: 5, 5: 6 };
const CANCELLED_BY_BUYER = 45;
const BUYER_CANCELS_SHARE = 0.2;
const WAYBILL_STATUSES = new Set([61, 3]);

export type ActivityEvent =
  | { kind: 'order_created'; orderId: number }
  | { kind: 'order_changed'; orderId: number; status: number }
  | { kind: 'buyer_message'; chatId: number; messageId: number };

/** One deterministic step of life in the shop, for `npm run sandbox`. */
export function simulateActivity(state: FakeRozetkaState): ActivityEvent {
  const { random } = state;
  const open = [...state.orders.values()].filter((stored) => NEXT_STATUS[stored.order.status] !== undefined);
  const roll = random.next();
  if (roll < 0.45 || open.length === 0) {
    return { kind: 'order_created', orderId: state.addOrder().id };
  }
  if (roll < 0.75) {
    const { order } = random.pick(open);
    const status = random.chance(BUYER_CANCELS_SHARE)
      ? CANCELLED_BY_BUYER
      : (NEXT_STATUS[order.status] ?? order.status);
    const ttn =
      WAYBILL_STATUSES.has(status) && !order.ttn
        ? `2045${String(random.int(0, 9_999_999_999)).padStart(10, '0')}`
        : undefined;
    state.updateOrder(order.id, { status, ...(ttn ? { ttn } : {}) });
    return { kind: 'order_changed', orderId: order.id, status };
  }
  const { chat, message } = random.chance(0.7)
    ? state.addChatMessage({ orderId: random.pick(open).order.id })
    : state.addChatMessage({});
  return { kind: 'buyer_message', chatId: chat.id, messageId: message.id };
}
