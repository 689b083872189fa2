import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Locale } from '#src/config/locales.js';
import type { MarketplaceKind } from '#src/marketplaces/port.js';
import { clipText, escapeHtml, formatDateTime, splitPlainText } from '#src/notify/cards/format.js';
import {
  markMessageReadCallback,
  messageTemplatesCallback,
  replyToMessageCallback,
} from '#src/notify/cards/message-callbacks.js';
import type { Translate } from '#src/notify/cards/order-card.js';

export interface MessageCardView {
  buyerMessageId: string;
  storeName: string;
  marketplace: MarketplaceKind;
  buyerName: string;
  order: { number: string; statusLabel: string | null; url: string | null } | null;
  product: { id: string | null; name: string | null } | null;
  text: string;
  attachments: string[];
  sentAt: Date;
  answered: { by: string; at: Date } | null;
  read: { by: string; at: Date } | null;
  hasTemplates: boolean;
  timeZone: string;
  locale: Locale;
}

export interface RenderedMessageCard {
  text: string;
  replyMarkup: InlineKeyboardMarkup;
  /** the rest of a long buyer text, each part a message of its own */
  continuation: string[];
}

/**
 * The card keeps its header, footer and buttons within Telegram's 4096 characters whatever the
 * buyer wrote: the text it carries is cut at this many characters, the rest follows in parts.
 */
export const CARD_TEXT_BUDGET = 3000;
const NAME_MAX = 100;
const HTTP_URL = /^https?:\/\/\S+$/;

const line = (t: Translate, key: string, vars?: Record<string, string | number>) => escapeHtml(t(key, vars));

function aboutLine(view: MessageCardView, t: Translate): string | null {
  if (view.order) {
    const number = clipText(view.order.number, NAME_MAX);
    return view.order.statusLabel
      ? line(t, 'message-card-order-status', { number, status: clipText(view.order.statusLabel, NAME_MAX) })
      : line(t, 'message-card-order', { number });
  }
  if (view.product?.name || view.product?.id) {
    return line(t, 'message-card-product', {
      product: clipText(view.product.name ?? view.product.id ?? '', 200),
    });
  }
  return null;
}

function attachmentLines(view: MessageCardView, t: Translate): string[] {
  return view.attachments.slice(0, 10).map((attachment, i) => {
    const label = line(t, 'message-card-attachment', { n: i + 1 });
    return HTTP_URL.test(attachment)
      ? `📎 <a href="${escapeHtml(attachment)}">${label}</a>`
      : `📎 ${label}: ${escapeHtml(clipText(attachment, NAME_MAX))}`;
  });
}

function keyboard(view: MessageCardView, t: Translate): InlineKeyboardButton[][] {
  const messageId = view.buyerMessageId;
  const first: InlineKeyboardButton[] = [
    { text: t('message-card-button-reply'), callback_data: replyToMessageCallback.pack({ messageId }) },
  ];
  if (view.hasTemplates) {
    first.push({
      text: t('message-card-button-templates'),
      callback_data: messageTemplatesCallback.pack({ messageId }),
    });
  }
  const second: InlineKeyboardButton[] = [];
  if (!view.read) {
    second.push({
      text: t('message-card-button-mark-read'),
      callback_data: markMessageReadCallback.pack({ messageId }),
    });
  }
  if (view.order?.url && HTTP_URL.test(view.order.url)) {
    second.push({ text: t('message-card-button-open-order'), url: view.order.url });
  }
  return second.length > 0 ? [first, second] : [first];
}

/** M1: a buyer message as a Telegram card; pure, so every chat renders it the same way. */
export function renderMessageCard(view: MessageCardView, t: Translate): RenderedMessageCard {
  const when = (at: Date) => formatDateTime(at, view.timeZone, view.locale);
  const parts = view.text.trim() === '' ? [] : splitPlainText(view.text.trim(), CARD_TEXT_BUDGET);
  const header = [
    `💬 <b>${line(t, 'message-card-title')}</b> · ${escapeHtml(clipText(view.storeName, NAME_MAX))} (${line(t, 'message-card-marketplace', { marketplace: view.marketplace })})`,
    `👤 ${escapeHtml(clipText(view.buyerName || t('message-card-buyer-unknown'), NAME_MAX))} · ${when(view.sentAt)}`,
  ];
  const about = aboutLine(view, t);
  if (about) header.push(about);
  const body = parts.length > 0 ? [escapeHtml(parts[0] as string)] : [];
  if (parts.length > 1) body.push(`<i>${line(t, 'message-card-continues', { parts: parts.length })}</i>`);
  const footer = [...attachmentLines(view, t)];
  if (view.answered) {
    footer.push(
      `✅ ${line(t, 'message-card-answered', { name: clipText(view.answered.by, NAME_MAX), at: when(view.answered.at) })}`,
    );
  }
  if (view.read) {
    footer.push(
      `👁 ${line(t, 'message-card-read', { name: clipText(view.read.by, NAME_MAX), at: when(view.read.at) })}`,
    );
  }
  const text = [header.join('\n'), body.join('\n'), footer.join('\n')]
    .filter((block) => block !== '')
    .join('\n\n');
  return {
    text,
    replyMarkup: { inline_keyboard: keyboard(view, t) },
    continuation: parts.slice(1).map((part, i) => `<i>(${i + 2}/${parts.length})</i>\n${escapeHtml(part)}`),
  };
}
