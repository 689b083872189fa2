import { Composer } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import {
  acceptOrderCallback,
  cancelOrderCallback,
  holdAutoAcceptCallback,
  openCancelMenuCallback,
  orderDetailsCallback,
  orderTtnCallback,
  setOrderStatusCallback,
  showOrderCardCallback,
  takeOrderCallback,
} from '#src/notify/cards/order-callbacks.js';
import { localeForChat, renderStoredOrderCard } from '#src/notify/order-card-view.js';
import { renderOrderDetails } from '#src/notify/cards/order-details.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { OrderAction } from '#src/services/order-actions.js';
import {
  actorOf,
  describeResult,
  editTappedCard,
  guardOrderCallback,
  redrawTappedCard,
} from '#src/bot/order-callback-guard.js';

// conversation ids use underscores so they never read as locale keys
export const ORDER_TEXT_INPUT = 'order_text_input';

export interface OrderTextInputArgs {
  orderId: string;
  purpose: 'ttn' | 'cancel-note';
  reason: string | null;
  locale: string;
  userId: number;
}

/** refusals that mean the card showed something no longer true */
const CARD_WAS_STALE = new Set(['not_allowed', 'done_by_other']);

async function runAction(ctx: BotContext, orderId: string, action: OrderAction) {
  const result = await ctx.services.orderActions.perform(orderId, actorOf(ctx), action);
  const { key, vars } = describeResult(result);
  if (!result.ok && CARD_WAS_STALE.has(result.reason)) await redrawTappedCard(ctx, orderId);
  await ctx.answerCallbackQuery({ text: ctx.t(key, vars), show_alert: !result.ok });
}

export const ordersFeature = new Composer<BotContext>();

/** Every order button passes the guard (store visible, card current) before its handler runs. */
function onAction<T extends { orderId: string; version?: number }>(
  codec: { filter: RegExp; unpack(data: string): T | null },
  handle: (ctx: BotContext, data: T, order: OrderDoc) => Promise<void>,
) {
  ordersFeature.callbackQuery(codec.filter, async (ctx, next) => {
    const data = codec.unpack(ctx.callbackQuery.data);
    if (!data) return next();
    const order = await guardOrderCallback(ctx, data);
    if (order) await handle(ctx, data, order);
  });
}

onAction(acceptOrderCallback, (ctx, { orderId }) => runAction(ctx, orderId, { kind: 'accept' }));
onAction(setOrderStatusCallback, (ctx, { orderId, status }) =>
  runAction(ctx, orderId, { kind: 'status', status }),
);
onAction(takeOrderCallback, (ctx, { orderId }) => runAction(ctx, orderId, { kind: 'take' }));
onAction(holdAutoAcceptCallback, (ctx, { orderId }) => runAction(ctx, orderId, { kind: 'hold' }));

onAction(openCancelMenuCallback, async (ctx, { orderId }, order) => {
  if (!ctx.chat) return;
  if (!order.data.transitions.some((transition) => transition.kind === 'cancel')) {
    // the card still offered Cancel: it was behind the order
    await redrawTappedCard(ctx, orderId);
    await ctx.answerCallbackQuery({ text: ctx.t('order-action-not-allowed'), show_alert: true });
    return;
  }
  const cancelReasons = await ctx.services.orderActions.cancelReasons(order);
  const menu = await renderStoredOrderCard(ctx.cards, orderId, ctx.chat.id, {
    mode: 'cancel-reasons',
    cancelReasons,
  });
  // the text changes too: it ends with the prompt to choose a reason
  if (menu) await editTappedCard(ctx, menu);
  await ctx.answerCallbackQuery();
});

onAction(showOrderCardCallback, async (ctx, { orderId }) => {
  if (!ctx.chat) return;
  const card = await renderStoredOrderCard(ctx.cards, orderId, ctx.chat.id);
  if (card) await editTappedCard(ctx, card);
  await ctx.answerCallbackQuery();
});

onAction(cancelOrderCallback, async (ctx, { orderId, reason }, order) => {
  if (!ctx.chat) return;
  const chosen = (await ctx.services.orderActions.cancelReasons(order)).find((r) => r.code === reason);
  if (!chosen?.requiresText) return runAction(ctx, orderId, { kind: 'cancel', reason, text: null });
  await ctx.answerCallbackQuery();
  await enterTextInput(ctx, { orderId, purpose: 'cancel-note', reason });
});

onAction(orderTtnCallback, async (ctx, { orderId }) => {
  await ctx.answerCallbackQuery();
  await enterTextInput(ctx, { orderId, purpose: 'ttn', reason: null });
});

onAction(orderDetailsCallback, async (ctx, _data, order) => {
  if (!ctx.chat) return;
  const locale = await localeForChat(ctx.cards, ctx.chat.id);
  await ctx.answerCallbackQuery();
  const t = (key: string, vars?: Record<string, string | number>) => ctx.cards.translate(locale, key, vars);
  const thread = await ctx.services.buyerMessages.threadForOrder(order._id);
  for (const chunk of renderOrderDetails(order, t, locale, thread)) {
    await ctx.reply(chunk, {
      parse_mode: 'HTML',
      reply_parameters: { message_id: ctx.msgId ?? 0, allow_sending_without_reply: true },
    });
  }
});

async function enterTextInput(
  ctx: BotContext,
  args: Pick<OrderTextInputArgs, 'orderId' | 'purpose' | 'reason'>,
) {
  const locale = ctx.chat ? await localeForChat(ctx.cards, ctx.chat.id) : ctx.config.defaultLocale;
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(ORDER_TEXT_INPUT, { ...args, locale, userId: ctx.from?.id ?? 0 });
}
