import type { InlineKeyboardButton } from 'grammy/types';
import type { Locale } from '#src/config/locales.js';
import { openOrderCardCallback } from '#src/notify/cards/order-callbacks.js';
import type { Translate } from '#src/notify/cards/order-card.js';
import { escapeHtml, formatDateTime, formatMoney } from '#src/notify/cards/format.js';
import type { RenderedMessage } from '#src/notify/delivery.js';

export interface DigestOrder {
  orderId: string;
  number: string;
  storeName: string;
  buyerName: string;
  totalKop: number;
  currency: string;
  placedAt: Date;
}

/** lines and buttons kept well inside 4096 characters and a comfortable keyboard */
export const DIGEST_MAX_ORDERS = 20;

/** J5: many new orders for one group at once become one message, newest first. */
export function renderOrderDigest(
  orders: DigestOrder[],
  t: Translate,
  locale: Locale,
  timeZone: string,
): RenderedMessage {
  // orders placed in the same second: the later number is the newer one
  const newestFirst = [...orders].sort(
    (a, b) =>
      b.placedAt.getTime() - a.placedAt.getTime() ||
      b.number.localeCompare(a.number, undefined, { numeric: true }),
  );
  const shown = newestFirst.slice(0, DIGEST_MAX_ORDERS);
  const lines = shown.map((order) =>
    [
      `<b>№${escapeHtml(order.number)}</b>`,
      formatDateTime(order.placedAt, timeZone, locale),
      escapeHtml(order.storeName),
      escapeHtml(order.buyerName || '—'),
      escapeHtml(formatMoney(order.totalKop, order.currency, locale)),
    ].join(' · '),
  );
  const rest = newestFirst.length - shown.length;
  const text = [
    `📦 <b>${escapeHtml(t('order-digest-title', { count: orders.length }))}</b>`,
    escapeHtml(t('order-digest-hint')),
    '',
    ...lines,
    ...(rest > 0 ? [escapeHtml(t('order-digest-more', { count: rest }))] : []),
  ].join('\n');
  const buttons: InlineKeyboardButton[][] = [];
  shown.forEach((order, index) => {
    const button = {
      text: `№${order.number}`,
      callback_data: openOrderCardCallback.pack({ orderId: order.orderId }),
    };
    if (index % 2 === 0) buttons.push([button]);
    else buttons[buttons.length - 1]?.push(button);
  });
  return { text, replyMarkup: { inline_keyboard: buttons } };
}
