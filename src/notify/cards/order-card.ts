import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Locale } from '#src/config/locales.js';
import type { CancelReason, Order, OrderItem } from '#src/marketplaces/port.js';
import {
  TELEGRAM_TEXT_LIMIT,
  clipText,
  escapeHtml,
  formatDateTime,
  formatMoney,
  plainTextLength,
  truncateForTelegram,
} from '#src/notify/cards/format.js';
import {
  acceptOrderCallback,
  cancelOrderCallback,
  holdAutoAcceptCallback,
  marketplaceCodeSchema,
  openCancelMenuCallback,
  orderDetailsCallback,
  orderTtnCallback,
  setOrderStatusCallback,
  showOrderCardCallback,
  takeOrderCallback,
} from '#src/notify/cards/order-callbacks.js';

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export type AutoAcceptState = 'none' | 'scheduled' | 'held' | 'done';

export interface OrderCardAuditEntry {
  at: Date;
  /** a person's name, or null when the bot did it */
  by: string | null;
  /** accept | cancel | status | take | hold | ttn | auto-accept (others are shown as they are) */
  action: string;
  detail: string | null;
}

export interface OrderCardView {
  /** the stored order's ObjectId as hex */
  orderId: string;
  version: number;
  order: Order;
  storeName: string;
  sourceLabel: string | null;
  stageLabel: string | null;
  /** 1 = the customer's first order */
  customerOrderCount: number;
  assigneeName: string | null;
  autoAccept: { state: AutoAcceptState; at: Date | null };
  /** newest last */
  audit: OrderCardAuditEntry[];
  now: Date;
  timeZone: string;
  locale: Locale;
  mode?: 'card' | 'cancel-reasons';
  cancelReasons?: CancelReason[];
}

export interface RenderedOrderCard {
  text: string;
  replyMarkup: InlineKeyboardMarkup;
}

const AUDIT_LINES_SHOWN = 3;
/** the card is a summary: a long comment is previewed, Details shows it whole */
const COMMENT_PREVIEW_MAX = 1000;
const ITEM_NAME_MAX = 300;
const AUDIT_DETAIL_MAX = 200;
const MARKETPLACE_URL = /^https?:\/\//;

export function renderOrderCard(view: OrderCardView, t: Translate): RenderedOrderCard {
  return { text: renderCardText(view, t), replyMarkup: { inline_keyboard: renderKeyboard(view, t) } };
}

/**
 * A copy of the card that a newer copy in the same chat replaced (a lookup sent it again): it
 * says where the live one is and has no buttons, so nothing on it can look current.
 */
export function renderRetiredCardCopy(number: string, t: Translate): RenderedOrderCard {
  return {
    text: `🛒 <b>${text(t, 'order-card-title', { number })}</b>\n⤵️ ${text(t, 'order-card-moved')}`,
    replyMarkup: { inline_keyboard: [] },
  };
}

/** Many items collapse into "…and N more" first; only what still does not fit is cut. */
function renderCardText(view: OrderCardView, t: Translate): string {
  const itemCount = view.order.items.length;
  const fits = (shownItems: number) =>
    plainTextLength(composeText(view, t, shownItems)) <= TELEGRAM_TEXT_LIMIT;
  if (fits(itemCount)) return composeText(view, t, itemCount);
  let low = 0;
  let high = itemCount - 1;
  let mostThatFit = 0;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) {
      mostThatFit = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return truncateForTelegram(composeText(view, t, mostThatFit));
}

function composeText(view: OrderCardView, t: Translate, shownItems: number): string {
  const sections = [
    headerLines(view, t),
    buyerLines(view, t),
    [...deliveryLines(view.order, t), ...paymentLines(view.order, t)],
    itemLines(view, t, shownItems),
    commentLines(view.order, t),
    [assigneeLine(view, t)],
    auditLines(view, t),
    view.mode === 'cancel-reasons' && canCancel(view.order)
      ? [`<b>${text(t, 'order-card-cancel-prompt')}</b>`]
      : [],
  ];
  return sections
    .map((lines) => lines.filter((line): line is string => line !== null))
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n');
}

/** Locale strings are plain text; escaping the whole result also escapes the variables. */
function text(t: Translate, key: string, vars?: Record<string, string | number>): string {
  return escapeHtml(t(key, vars));
}

function labelled(t: Translate, key: string, value: string): string {
  return `${text(t, key)}: ${value}`;
}

function headerLines(view: OrderCardView, t: Translate): (string | null)[] {
  const { order } = view;
  const title = text(t, 'order-card-title', { number: order.number });
  const marketplace = text(t, 'order-card-marketplace', { marketplace: order.marketplace });
  const stage = view.stageLabel ? ` · ${labelled(t, 'order-card-stage', escapeHtml(view.stageLabel))}` : '';
  return [
    `🛒 <b>${title}</b> · ${marketplace}`,
    `🏬 ${escapeHtml(view.storeName)}`,
    sourceLine(view, t),
    `📅 ${formatDateTime(order.createdAt, view.timeZone, view.locale)}`,
    `📌 ${labelled(t, 'order-card-status', `<b>${escapeHtml(order.statusLabel)}</b>`)}${stage}`,
    autoAcceptLine(view, t),
  ];
}

/**
 * S3's own label of the store first, then where the marketplace says the order was placed:
 * known codes read as words (Prom `portal` → the Prom catalogue), any other string as it is.
 */
function sourceLine(view: OrderCardView, t: Translate): string | null {
  const marketplaceSource = view.order.source
    ? t('order-card-source-code', { source: view.order.source })
    : null;
  const parts = [view.sourceLabel, marketplaceSource].filter(isPresent).map(escapeHtml);
  return parts.length > 0 ? `🔗 ${labelled(t, 'order-card-source', parts.join(' · '))}` : null;
}

function autoAcceptLine(view: OrderCardView, t: Translate): string | null {
  const { state, at } = view.autoAccept;
  if (state === 'held') return `⏸ ${text(t, 'order-card-auto-accept-held')}`;
  if (state === 'done') return `🤖 ${text(t, 'order-card-auto-accepted')}`;
  if (state !== 'scheduled' || !at) return null;
  const minutes = Math.ceil((at.getTime() - view.now.getTime()) / 60_000);
  return minutes > 0
    ? `⏳ ${text(t, 'order-card-auto-accept-in', { minutes, time: formatDateTime(at, view.timeZone, view.locale) })}`
    : `⏳ ${text(t, 'order-card-auto-accept-due')}`;
}

function buyerLines(view: OrderCardView, t: Translate): (string | null)[] {
  const { buyer } = view.order;
  return [
    `👤 ${escapeHtml(buyer.fullName || '—')}`,
    // plain text, not <code>, so Telegram turns the number into a tappable link
    buyer.phone ? `📞 ${escapeHtml(buyer.phone)}` : null,
    view.customerOrderCount > 1
      ? `⭐ ${text(t, 'order-card-returning', { count: view.customerOrderCount })}`
      : null,
  ];
}

function deliveryLines(order: Order, t: Translate): (string | null)[] {
  const { delivery, buyer } = order;
  const carrier =
    delivery.methodName ?? (delivery.carrier && t('order-card-carrier', { carrier: delivery.carrier }));
  const where = [carrier, delivery.city, delivery.address].filter(isPresent).map(escapeHtml);
  const otherRecipient =
    (delivery.recipientName !== null && delivery.recipientName !== buyer.fullName) ||
    (delivery.recipientPhone !== null && delivery.recipientPhone !== buyer.phone);
  const recipient = [delivery.recipientName, delivery.recipientPhone].filter(isPresent).map(escapeHtml);
  return [
    where.length > 0 ? `🚚 ${where.join(' · ')}` : null,
    otherRecipient ? `👥 ${labelled(t, 'order-card-recipient', recipient.join(', '))}` : null,
    delivery.ttn ? `📦 ${labelled(t, 'order-card-ttn', `<code>${escapeHtml(delivery.ttn)}</code>`)}` : null,
  ];
}

function paymentLines(order: Order, t: Translate): (string | null)[] {
  const { methodName, status } = order.payment;
  const paid = status && t('order-card-payment-status', { status });
  const parts = [methodName, paid].filter(isPresent).map(escapeHtml);
  return [parts.length > 0 ? `💳 ${parts.join(' · ')}` : null];
}

function itemLines(view: OrderCardView, t: Translate, shownItems: number): (string | null)[] {
  const { order } = view;
  const hidden = order.items.length - shownItems;
  const total = escapeHtml(formatMoney(order.totalKop, order.currency, view.locale));
  return [
    `🧾 <b>${text(t, 'order-card-items')}</b>`,
    ...order.items.slice(0, shownItems).map((item, index) => itemLine(item, index, view)),
    hidden > 0 ? text(t, 'order-card-more-items', { count: hidden }) : null,
    `💰 ${labelled(t, 'order-card-total', `<b>${total}</b>`)}`,
  ];
}

function itemLine(item: OrderItem, index: number, view: OrderCardView): string {
  const money = (kop: number) => escapeHtml(formatMoney(kop, view.order.currency, view.locale));
  const sku = item.sku ? `<code>${escapeHtml(item.sku)}</code> · ` : '';
  const sum = item.quantity === 1 ? '' : ` = ${money(item.totalKop)}`;
  const name = escapeHtml(clipText(item.name, ITEM_NAME_MAX));
  return `${index + 1}. ${name}\n    ${sku}${item.quantity} × ${money(item.priceKop)}${sum}`;
}

function commentLines(order: Order, t: Translate): string[] {
  if (!order.comment) return [];
  const comment = escapeHtml(clipText(order.comment, COMMENT_PREVIEW_MAX));
  return [`💬 <b>${text(t, 'order-card-comment')}</b>`, `<blockquote>${comment}</blockquote>`];
}

function assigneeLine(view: OrderCardView, t: Translate): string {
  const assignee = view.assigneeName ? escapeHtml(view.assigneeName) : text(t, 'order-card-unassigned');
  return `🙋 ${labelled(t, 'order-card-assignee', assignee)}`;
}

function auditLines(view: OrderCardView, t: Translate): string[] {
  return view.audit.slice(-AUDIT_LINES_SHOWN).map((entry) => {
    const when = formatDateTime(entry.at, view.timeZone, view.locale);
    const action = text(t, 'order-card-action', { action: entry.action });
    const detail = entry.detail ? `: ${escapeHtml(clipText(entry.detail, AUDIT_DETAIL_MAX))}` : '';
    const by = entry.by === null ? text(t, 'order-card-by-bot') : escapeHtml(entry.by);
    return `🕓 <i>${when} · ${action}${detail} — ${by}</i>`;
  });
}

const isPresent = (value: string | null | undefined): value is string => Boolean(value);

type Keyboard = InlineKeyboardButton[][];

function renderKeyboard(view: OrderCardView, t: Translate): Keyboard {
  const rows =
    view.mode === 'cancel-reasons' && canCancel(view.order)
      ? cancelReasonRows(view, t)
      : [...(isClosed(view.order) ? [] : actionRows(view, t)), infoRow(view, t)];
  return rows.filter((row) => row.length > 0);
}

const isClosed = (order: Order) => order.statusGroup === 'done' || order.statusGroup === 'cancelled';

const canCancel = (order: Order) =>
  !isClosed(order) && order.transitions.some((transition) => transition.kind === 'cancel');

/** Codes that do not fit a callback are left out rather than sent as a button that cannot work. */
const isPackableCode = (code: string) => marketplaceCodeSchema.safeParse(code).success;

function callbackButton(label: string, data: string): InlineKeyboardButton {
  return { text: label, callback_data: data };
}

function actionRows(view: OrderCardView, t: Translate): Keyboard {
  const { order } = view;
  const ids = { orderId: view.orderId, version: view.version };
  const moves = order.transitions.filter((transition) => !transition.requiresTtn);
  const ttnMoves = order.transitions.filter(
    (transition) => transition.requiresTtn && isPackableCode(transition.status),
  );
  const decision: InlineKeyboardButton[] = [];
  if (moves.some((move) => move.kind === 'accept')) {
    decision.push(callbackButton(t('order-card-button-accept'), acceptOrderCallback.pack(ids)));
  }
  if (canCancel(order)) {
    decision.push(callbackButton(t('order-card-button-cancel'), openCancelMenuCallback.pack(ids)));
  }
  const statusRows = moves
    .filter((move) => move.kind === 'status' && isPackableCode(move.status))
    .map((move) => [
      callbackButton(move.label, setOrderStatusCallback.pack({ ...ids, status: move.status })),
    ]);
  const ttnRows = ttnMoves.map((move) => [
    callbackButton(`🚚 ${move.label}`, orderTtnCallback.pack({ ...ids, status: move.status })),
  ]);
  const waybillMissing =
    order.marketplace === 'prom' && order.statusGroup === 'processing' && !order.delivery.ttn;
  if (ttnRows.length === 0 && waybillMissing) {
    ttnRows.push([
      callbackButton(t('order-card-button-ttn'), orderTtnCallback.pack({ ...ids, status: null })),
    ]);
  }
  const team: InlineKeyboardButton[] = [];
  if (!view.assigneeName) team.push(callbackButton(t('order-card-button-take'), takeOrderCallback.pack(ids)));
  if (view.autoAccept.state === 'scheduled') {
    team.push(callbackButton(t('order-card-button-hold'), holdAutoAcceptCallback.pack(ids)));
  }
  return [decision, ...statusRows, ...ttnRows, team];
}

function infoRow(view: OrderCardView, t: Translate): InlineKeyboardButton[] {
  const row = [
    callbackButton(t('order-card-button-details'), orderDetailsCallback.pack({ orderId: view.orderId })),
  ];
  const url = view.order.url;
  if (url && MARKETPLACE_URL.test(url)) {
    row.push({ text: t('order-card-button-open', { marketplace: view.order.marketplace }), url });
  }
  return row;
}

function cancelReasonRows(view: OrderCardView, t: Translate): Keyboard {
  const ids = { orderId: view.orderId, version: view.version };
  const reasons = (view.cancelReasons ?? []).filter((reason) => isPackableCode(reason.code));
  return [
    ...reasons.map((reason) => [
      callbackButton(
        reason.requiresText ? `${reason.label} ✍️` : reason.label,
        cancelOrderCallback.pack({ ...ids, reason: reason.code }),
      ),
    ]),
    [callbackButton(t('order-card-button-back'), showOrderCardCallback.pack({ orderId: view.orderId }))],
  ];
}
