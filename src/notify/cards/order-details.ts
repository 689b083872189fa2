import type { Locale } from '#src/config/locales.js';
import type { OrderDoc } from '#src/db/models/order.js';
import { escapeHtml, formatMoney, splitPlainText } from '#src/notify/cards/format.js';
import type { Translate } from '#src/notify/cards/order-card.js';
import type { OrderThreadEntry } from '#src/services/buyer-messages.js';

/**
 * Everything the card abbreviates (all items, the whole comment) and the buyer's messages (M4),
 * as messages within Telegram's limit.
 */
export function renderOrderDetails(
  order: OrderDoc,
  t: Translate,
  locale: Locale,
  thread: OrderThreadEntry[] = [],
): string[] {
  const { data } = order;
  const lines = [
    t('order-details-title', { number: data.number }),
    '',
    `${t('order-card-items')}:`,
    ...data.items.map(
      (item, i) =>
        `${i + 1}. ${item.name}${item.sku ? ` (${item.sku})` : ''} — ${item.quantity} × ${formatMoney(item.priceKop, data.currency, locale)}`,
    ),
  ];
  if (data.comment) lines.push('', `${t('order-card-comment')}:`, data.comment);
  if (thread.length > 0) lines.push('', `${t('message-order-thread')}:`);
  for (const entry of thread)
    lines.push(`${entry.from === 'buyer' ? '👤' : '🏪'} ${entry.name}: ${entry.text}`);
  return splitPlainText(lines.join('\n')).map(escapeHtml);
}
