import type { Models } from '#src/db/models/index.js';
import type { AppI18n } from '#src/bot/i18n.js';
import type { Locale } from '#src/config/locales.js';
import { renderStoredMessageCard } from '#src/notify/message-card-view.js';
import { renderNotice } from '#src/notify/notices.js';
import {
  renderStoredDigest,
  renderStoredOrderCard,
  type CardRenderContext,
} from '#src/notify/order-card-view.js';
import type { DigestRenderer, OutboxRenderer, TooLargeRenderer } from '#src/notify/delivery.js';
import { localeForChat } from '#src/notify/order-card-view.js';

/** what cards are rendered with outside any update: the shop's data, its languages and zone */
export function createCardContext(
  models: Models,
  i18n: AppI18n,
  settings: { timeZone: string; defaultLocale: Locale },
): CardRenderContext {
  return {
    models,
    translate: (locale, key, vars) => i18n.t(locale, key, vars),
    // named, not spread: a caller's whole settings (the bot token among them) stay out of it
    timeZone: settings.timeZone,
    defaultLocale: settings.defaultLocale,
  };
}

/** what each kind of outbox entry shows now */
export function outboxRenderers(cards: CardRenderContext): {
  render: OutboxRenderer;
  digest: DigestRenderer;
  tooLarge: TooLargeRenderer;
} {
  return {
    render: async (entry) => {
      if (entry.kind === 'message_card' && entry.buyerMessageId) {
        return renderStoredMessageCard(cards, entry.buyerMessageId, entry.chatId, entry.threadId);
      }
      if (entry.kind !== 'order_card') return renderNotice(cards, entry);
      return entry.orderId ? renderStoredOrderCard(cards, entry.orderId, entry.chatId) : null;
    },
    digest: (orderIds, chatId) => renderStoredDigest(cards, orderIds, chatId),
    tooLarge: async (entry, caption) => {
      const notice = cards.translate(await localeForChat(cards, entry.chatId), 'file-too-large');
      return caption ? `${caption}\n${notice}` : notice;
    },
  };
}
