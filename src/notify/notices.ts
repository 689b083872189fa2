import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';
import type { OutboxDoc } from '#src/db/models/outbox.js';
import { escapeHtml, truncateForTelegram } from '#src/notify/cards/format.js';
import { localeForChat, type CardRenderContext } from '#src/notify/order-card-view.js';
import type { RenderedMessage } from '#src/notify/delivery.js';
import { alertNoticeSchema, digestNoticeSchema, summaryNoticeSchema } from '#src/services/notices.js';

/** the button under an alert that opens /status */
export const showStatusCallback = defineCallback('sv', z.object({}));

/** a digest names at most this many orders per store, then counts the rest */
const DIGEST_ORDERS_PER_STORE = 40;

/** J3 alerts and S7 digests, in the language of the chat they go to; J4 summary texts as written. */
export async function renderNotice(
  context: CardRenderContext,
  entry: Pick<OutboxDoc, 'kind' | 'payload' | 'chatId'>,
): Promise<RenderedMessage | null> {
  if (!entry.payload) return null;
  const locale = await localeForChat(context, entry.chatId);
  const t = (key: string, vars?: Record<string, string | number>) => context.translate(locale, key, vars);
  const data: unknown = JSON.parse(entry.payload);
  const none = { inline_keyboard: [] };
  if (entry.kind === 'summary') return { text: summaryNoticeSchema.parse(data).html, replyMarkup: none };
  if (entry.kind === 'alert') {
    const alert = alertNoticeSchema.parse(data);
    const text = t(`alert-${alert.type}`, {
      store: escapeHtml(alert.storeName),
      detail: escapeHtml(
        alert.errorKind ? t('sync-error', { kind: alert.errorKind }) : (alert.detail ?? '—'),
      ),
    });
    const status = { text: t('alert-status-button'), callback_data: showStatusCallback.pack({}) };
    return { text: truncateForTelegram(text), replyMarkup: { inline_keyboard: [[status]] } };
  }
  const digest = digestNoticeSchema.parse(data);
  const lines = [t('digest-title', { from: digest.from, to: digest.to })];
  for (const store of digest.stores) {
    const shown = store.orders.slice(0, DIGEST_ORDERS_PER_STORE).map((n) => `№${escapeHtml(n)}`);
    const more = store.orders.length - shown.length;
    lines.push(
      '',
      t('digest-store', { store: escapeHtml(store.name), count: store.orders.length }),
      shown.join(', ') + (more > 0 ? ` ${t('digest-more', { count: more })}` : ''),
    );
  }
  return { text: truncateForTelegram(lines.join('\n')), replyMarkup: none };
}
