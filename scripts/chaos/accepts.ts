import type { FakeTelegram } from '#src/sandbox/fake-telegram/server.js';
import { isOrderCard, type PlacedOrder } from './ledger.js';

interface Request {
  order: PlacedOrder;
  statusBefore: string | number | undefined;
  taps: number;
  lastTapAt: number;
}

const ACCEPT_LABEL = /Прийняти/;

/**
 * A manager who taps Accept on the cards of some orders, and taps again after `retryMs` while
 * the marketplace still shows the order unaccepted (a tap that met a fault is answered
 * "try again"): status changes requested against those applied.
 */
export function createAcceptingManager(telegram: FakeTelegram, retryMs: number) {
  const requests: Request[] = [];
  const applied = (request: Request) =>
    request.order.shop.statusOf(request.order.orderId) !== request.statusBefore;

  return {
    request(order: PlacedOrder) {
      requests.push({ order, statusBefore: order.shop.statusOf(order.orderId), taps: 0, lastTapAt: 0 });
    },
    /** taps every due card once */
    tapDue() {
      const now = Date.now();
      for (const request of requests) {
        if (now - request.lastTapAt < retryMs || applied(request)) continue;
        const { chatId, orderId } = request.order;
        const card = telegram.botMessages(chatId).find((message) => isOrderCard(message, orderId));
        const button = card?.reply_markup?.inline_keyboard
          .flat()
          .find((candidate) => ACCEPT_LABEL.test(candidate.text));
        if (!card || !button || !('callback_data' in button)) continue;
        telegram.clickButton(
          { id: chatId, first_name: `Manager ${chatId}`, language_code: 'uk' },
          card,
          button.callback_data!,
        );
        request.taps++;
        request.lastTapAt = now;
      }
    },
    figures() {
      const appliedCount = requests.filter(applied).length;
      return {
        requested: requests.length,
        taps: requests.reduce((sum, request) => sum + request.taps, 0),
        applied: appliedCount,
        not_applied: requests.length - appliedCount,
      };
    },
  };
}
