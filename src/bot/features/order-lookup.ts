import { Composer, InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { actorOf, guardOrderCallback } from '#src/bot/order-callback-guard.js';
import type { Locale } from '#src/config/locales.js';
import type { OrderDoc } from '#src/db/models/order.js';
import { openOrderCardCallback } from '#src/notify/cards/order-callbacks.js';
import { escapeHtml, formatDateTime, formatMoney } from '#src/notify/cards/format.js';
import { renderOrderDetails } from '#src/notify/cards/order-details.js';
import { localeForChat, renderRetiredOrderCopy, renderStoredOrderCard } from '#src/notify/order-card-view.js';
import {
  lookupPeriodSchema,
  lookupStatusSchema,
  type LookupPeriod,
  type LookupStatus,
  type OrderListFilter,
} from '#src/services/order-lookup.js';

const objectIdSchema = z.string().regex(/^[a-f0-9]{24}$/);

/** "ol:<store id or all>:<status>:<period>:<page>", at most 52 bytes */
const orderListCallback = defineCallback(
  'ol',
  z.object({
    store: z.union([objectIdSchema, z.literal('all')]),
    status: lookupStatusSchema,
    period: lookupPeriodSchema,
    page: z
      .string()
      .regex(/^\d{1,4}$/)
      .transform(Number),
  }),
);

const STATUSES = lookupStatusSchema.options;
const PERIODS = lookupPeriodSchema.options;
const next = <T>(list: readonly T[], current: T): T => list[(list.indexOf(current) + 1) % list.length] as T;

export const orderLookupFeature = new Composer<BotContext>();

async function localeOf(ctx: BotContext): Promise<Locale> {
  return ctx.chat ? localeForChat(ctx.cards, ctx.chat.id) : ctx.config.defaultLocale;
}

/** Sends the live card of an order into this chat; it becomes the copy later changes edit. */
async function sendCardHere(ctx: BotContext, order: OrderDoc) {
  if (!ctx.chat) return;
  const chatId = ctx.chat.id;
  const threadId = ctx.msg?.message_thread_id ?? 0;
  const lookup = ctx.services.orderLookup;
  await lookup.withCardHeld({ chatId }, async () => {
    // rendered once the sender is done with the card: it shows what the sender last sent, or newer
    const card = await renderStoredOrderCard(ctx.cards, order._id, chatId);
    if (!card) return;
    const sent = await ctx.reply(card.text, {
      parse_mode: 'HTML',
      reply_markup: card.replyMarkup,
      ...(threadId ? { message_thread_id: threadId } : {}),
    });
    const replaced = await lookup.adoptCard(order._id, chatId, threadId, sent.message_id, order.version);
    if (replaced !== null) await retireCopy(ctx, order, replaced);
  });
}

/**
 * The copy the new one replaced says where the live one is and loses its buttons. Should the
 * edit fail, a tap on that copy is still turned away (and retires it then).
 */
async function retireCopy(ctx: BotContext, order: OrderDoc, messageId: number) {
  if (!ctx.chat) return;
  const stub = await renderRetiredOrderCopy(ctx.cards, order._id, ctx.chat.id);
  if (!stub) return;
  await ctx.api
    .editMessageText(ctx.chat.id, messageId, stub.text, {
      parse_mode: 'HTML',
      reply_markup: stub.replyMarkup,
    })
    .catch((error: unknown) => ctx.logger.info({ err: error }, 'could not retire an old copy of a card'));
}

/** M4: the order's conversation with the buyer, under its card, when there is one */
async function sendBuyerThread(ctx: BotContext, order: OrderDoc) {
  const thread = await ctx.services.buyerMessages.threadForOrder(order._id);
  if (thread.length === 0) return;
  const locale = await localeOf(ctx);
  const t = (key: string, vars?: Record<string, string | number>) => ctx.cards.translate(locale, key, vars);
  for (const chunk of renderOrderDetails(order, t, locale, thread))
    await ctx.reply(chunk, { parse_mode: 'HTML' });
}

function orderLine(order: OrderDoc, timeZone: string, locale: Locale): string {
  const parts = [
    `<b>№${escapeHtml(order.number)}</b>`,
    formatDateTime(order.placedAt, timeZone, locale),
    escapeHtml(order.buyerName || '—'),
    escapeHtml(formatMoney(order.totalKop, order.data.currency, locale)),
    escapeHtml(order.data.statusLabel),
  ];
  return parts.join(' · ');
}

function orderButtons(keyboard: InlineKeyboard, orders: OrderDoc[]) {
  orders.forEach((order, index) => {
    keyboard.text(`№${order.number}`, openOrderCardCallback.pack({ orderId: String(order._id) }));
    if (index % 2 === 1) keyboard.row();
  });
  if (orders.length % 2 === 1) keyboard.row();
}

async function renderOrderList(ctx: BotContext, filter: OrderListFilter, page: number) {
  const actor = actorOf(ctx);
  const locale = await localeOf(ctx);
  const t = (key: string, vars?: Record<string, string | number>) => ctx.cards.translate(locale, key, vars);
  const stores = await ctx.services.orderLookup.storesOf(actor);
  const result = await ctx.services.orderLookup.list(actor, filter, page);
  const storeName = stores.find((store) => store.id === filter.storeId)?.name ?? t('lookup-all-stores');
  const filterLabels = {
    store: escapeHtml(storeName),
    status: t('lookup-status', { status: filter.status }),
    period: t('lookup-period', { period: filter.period }),
  };
  const lines = [
    `📋 <b>${t('lookup-list-title')}</b> · ${filterLabels.store} · ${filterLabels.status} · ${filterLabels.period}`,
    result.total === 0
      ? t('lookup-list-empty')
      : t('lookup-list-page', { page: result.page + 1, pages: result.pages, total: result.total }),
    '',
    ...result.orders.map((order) => orderLine(order, ctx.config.timezone, locale)),
  ];
  const state = {
    store: filter.storeId ?? 'all',
    status: filter.status,
    period: filter.period,
    page: result.page,
  };
  const storeIds = ['all', ...stores.map((store) => store.id)];
  const keyboard = new InlineKeyboard();
  orderButtons(keyboard, result.orders);
  keyboard
    .text(
      `🏬 ${storeName}`,
      orderListCallback.pack({ ...state, store: next(storeIds, state.store), page: 0 }),
    )
    .row()
    .text(
      `📌 ${filterLabels.status}`,
      orderListCallback.pack({ ...state, status: next(STATUSES, filter.status), page: 0 }),
    )
    .text(
      `📅 ${filterLabels.period}`,
      orderListCallback.pack({ ...state, period: next(PERIODS, filter.period), page: 0 }),
    )
    .row();
  if (result.page > 0) keyboard.text('◀', orderListCallback.pack({ ...state, page: result.page - 1 }));
  if (result.page < result.pages - 1)
    keyboard.text('▶', orderListCallback.pack({ ...state, page: result.page + 1 }));
  return { text: lines.join('\n'), keyboard };
}

orderLookupFeature.command('order', async (ctx) => {
  const query = ctx.match.trim();
  if (!query) {
    await ctx.reply(ctx.t('lookup-order-usage'));
    return;
  }
  const found = await ctx.services.orderLookup.byText(actorOf(ctx), query);
  if (found.length === 0) {
    await ctx.reply(ctx.t('lookup-nothing-found', { query }));
    return;
  }
  if (found.length === 1) {
    const order = found[0] as OrderDoc;
    await sendCardHere(ctx, order);
    await sendBuyerThread(ctx, order);
    return;
  }
  const locale = await localeOf(ctx);
  const keyboard = new InlineKeyboard();
  orderButtons(keyboard, found);
  const lines = found.map((order) => orderLine(order, ctx.config.timezone, locale));
  await ctx.reply([ctx.t('lookup-several-found', { count: found.length }), '', ...lines].join('\n'), {
    parse_mode: 'HTML',
    reply_markup: keyboard,
  });
});

orderLookupFeature.command('orders', async (ctx) => {
  const { text, keyboard } = await renderOrderList(ctx, { storeId: null, status: 'all', period: 'week' }, 0);
  await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
});

orderLookupFeature.callbackQuery(orderListCallback.filter, async (ctx, next) => {
  const data = orderListCallback.unpack(ctx.callbackQuery.data);
  if (!data) return next();
  const filter = {
    storeId: data.store === 'all' ? null : data.store,
    status: data.status as LookupStatus,
    period: data.period as LookupPeriod,
  };
  const { text, keyboard } = await renderOrderList(ctx, filter, data.page);
  await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: keyboard }).catch((error: unknown) => {
    // tapping the filter that is already shown: Telegram says "not modified", nothing to do
    if (!/not modified/i.test(String(error))) throw error;
  });
  await ctx.answerCallbackQuery();
});

orderLookupFeature.callbackQuery(openOrderCardCallback.filter, async (ctx, next) => {
  const data = openOrderCardCallback.unpack(ctx.callbackQuery.data);
  if (!data) return next();
  const order = await guardOrderCallback(ctx, data);
  if (!order) return;
  await ctx.answerCallbackQuery();
  await sendCardHere(ctx, order);
});
