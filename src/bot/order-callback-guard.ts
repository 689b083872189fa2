import { GrammyError } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import type { OrderDoc } from '#src/db/models/order.js';
import { renderStoredOrderCard } from '#src/notify/order-card-view.js';
import { scopeOf } from '#src/services/store-scope.js';
import type { Actor } from '#src/services/order-actions.js';

/** The team member behind this update, as the order services know them. */
export function actorOf(ctx: BotContext): Actor {
  const user = ctx.appUser;
  return {
    telegramId: user?.telegramId ?? 0,
    name: user?.name || user?.username || String(user?.telegramId ?? ''),
    ...scopeOf(user),
  };
}

/** Puts the order's card as it is now in place of the tapped message; "not modified" is fine. */
export async function redrawTappedCard(ctx: BotContext, orderId: string): Promise<void> {
  if (!ctx.chat) return;
  const card = await renderStoredOrderCard(ctx.cards, orderId, ctx.chat.id);
  if (!card) return;
  try {
    await ctx.editMessageText(card.text, { parse_mode: 'HTML', reply_markup: card.replyMarkup });
  } catch (error) {
    if (!(error instanceof GrammyError && /not modified/i.test(error.description))) throw error;
  }
}

/**
 * The one gate of every order button. The order must be in a store this member sees (else the
 * tap is answered "not found or not yours", whatever the button); a button that carries the
 * card's version must carry the current one (else the tap is answered "this card has changed"
 * and the card is redrawn as it is now, so nothing acts on a state the member did not see).
 * Returns the order when the tap may go on; null once the tap has been answered.
 */
export async function guardOrderCallback(
  ctx: BotContext,
  data: { orderId: string; version?: number },
): Promise<OrderDoc | null> {
  const order = await ctx.services.orderActions.find(data.orderId, actorOf(ctx));
  if (!order) {
    ctx.logger.info({ from: ctx.from?.id, order: data.orderId }, 'refused an order button: not visible');
    await ctx.answerCallbackQuery({ text: ctx.t('order-action-not-found'), show_alert: true });
    return null;
  }
  if (data.version !== undefined && data.version !== order.version) {
    await ctx.answerCallbackQuery({ text: ctx.t('order-card-changed'), show_alert: true });
    await redrawTappedCard(ctx, data.orderId);
    return null;
  }
  return order;
}
