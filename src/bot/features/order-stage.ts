import { Composer } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import {
  openStageMenuCallback,
  setOrderStageCallback,
  stageMenuKeyboard,
} from '#src/notify/cards/stage-menu.js';
import { localeForChat } from '#src/notify/order-card-view.js';
import {
  actorOf,
  describeResult,
  guardOrderCallback,
  redrawTappedCard,
} from '#src/bot/order-callback-guard.js';
import { reachableStages, readStoreStages } from '#src/services/mappings.js';

/**
 * S4 on the card: moving an order to a shop stage sets the marketplace status mapped to it
 * (the same single-flight action as a status button); the stage shown follows the status.
 */
export const orderStageFeature = new Composer<BotContext>();

orderStageFeature.callbackQuery(openStageMenuCallback.filter, async (ctx, next) => {
  const data = openStageMenuCallback.unpack(ctx.callbackQuery.data);
  if (!data || !ctx.chat) return next();
  const order = await guardOrderCallback(ctx, data);
  if (!order) return;
  const locale = await localeForChat(ctx.cards, ctx.chat.id);
  const keyboard = await stageMenuKeyboard(ctx.cards, order, locale);
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: keyboard } });
  await ctx.answerCallbackQuery();
});

orderStageFeature.callbackQuery(setOrderStageCallback.filter, async (ctx, next) => {
  const data = setOrderStageCallback.unpack(ctx.callbackQuery.data);
  if (!data) return next();
  const order = await guardOrderCallback(ctx, data);
  if (!order) return;
  const actor = actorOf(ctx);
  const stages = await readStoreStages(ctx.cards.models, order.storeId);
  const move = reachableStages(stages, order).find(({ stage }) => stage.id === data.stage);
  if (!move) {
    // the menu offered a stage the order can no longer reach: it was behind the order
    await redrawTappedCard(ctx, data.orderId);
    await ctx.answerCallbackQuery({ text: ctx.t('stage-not-reachable'), show_alert: true });
    return;
  }
  const result = await ctx.services.orderActions.perform(data.orderId, actor, {
    kind: 'status',
    status: move.status,
  });
  const { key, vars } = describeResult(result);
  await ctx.answerCallbackQuery({ text: ctx.t(key, vars), show_alert: !result.ok });
  // on success the outbox redraws every copy; on a refusal this copy shows the order as it is
  if (!result.ok) await redrawTappedCard(ctx, data.orderId);
});
