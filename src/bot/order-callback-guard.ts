import { GrammyError } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { RenderedOrderCard } from '#src/notify/cards/order-card.js';
import { renderRetiredOrderCopy, renderStoredOrderCard } from '#src/notify/order-card-view.js';
import { scopeOf } from '#src/services/store-scope.js';
import { recentDecision, type ActionResult, type Actor } from '#src/services/order-actions.js';

/** The team member behind this update, as the order services know them. */
export function actorOf(ctx: BotContext): Actor {
  const user = ctx.appUser;
  return {
    telegramId: user?.telegramId ?? 0,
    name: user?.name || user?.username || String(user?.telegramId ?? ''),
    ...scopeOf(user),
  };
}

/** The plain-words answer to an action, as a locale key and its variables. */
export function describeResult(result: ActionResult): { key: string; vars?: Record<string, string> } {
  if (result.ok) return { key: 'order-action-done' };
  switch (result.reason) {
    case 'done_by_other':
      return result.by === null
        ? { key: 'order-action-done-by-bot', vars: { action: result.action } }
        : { key: 'order-action-done-by-other', vars: { action: result.action, by: result.by } };
    case 'refused':
      if (result.refusal === 'move_unavailable') return { key: 'order-action-move-unavailable' };
      return result.detail
        ? { key: 'order-action-refused', vars: { reason: result.detail } }
        : { key: 'order-action-refused-plain' };
    default:
      return { key: `order-action-${result.reason.replace('_', '-')}` };
  }
}

/** Shows `card` in the tapped message; a message already showing it is left as it is. */
export async function editTappedCard(ctx: BotContext, card: RenderedOrderCard): Promise<void> {
  try {
    await ctx.editMessageText(card.text, { parse_mode: 'HTML', reply_markup: card.replyMarkup });
  } catch (error) {
    if (!(error instanceof GrammyError && /not modified/i.test(error.description))) throw error;
  }
}

/** Puts the order's card as it is now in place of the tapped message. */
export async function redrawTappedCard(ctx: BotContext, orderId: string): Promise<void> {
  if (!ctx.chat) return;
  const card = await renderStoredOrderCard(ctx.cards, orderId, ctx.chat.id);
  if (card) await editTappedCard(ctx, card);
}

/**
 * A tap from a copy that a newer copy replaced (its retiring edit was lost or raced a redraw):
 * nothing is done, and the copy is retired now.
 */
async function turnedAwayFromRetiredCopy(ctx: BotContext, orderId: string): Promise<boolean> {
  const messageId = ctx.callbackQuery?.message?.message_id;
  if (!ctx.chat || messageId === undefined) return false;
  if (!(await ctx.services.orderLookup.isRetiredCopy(orderId, ctx.chat.id, messageId))) return false;
  const stub = await renderRetiredOrderCopy(ctx.cards, orderId, ctx.chat.id);
  // the answer matters more than the edit: a copy Telegram will not edit still gets it
  if (stub)
    await editTappedCard(ctx, stub).catch((error: unknown) =>
      ctx.logger.info({ err: error }, 'could not retire an old copy of a card'),
    );
  await ctx.answerCallbackQuery({ text: ctx.t('order-card-moved-answer'), show_alert: true });
  return true;
}

/**
 * The one gate of every order button. The order must be in a store this member sees (else the
 * tap is answered "not found or not yours", whatever the button); a tap from a copy a newer one
 * replaced is turned away; a button that carries the card's version must carry the current one
 * (else the tap is answered with who changed the order, or "this card has changed", and the card
 * is redrawn as it is now, so nothing acts on a state the member did not see).
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
  if (await turnedAwayFromRetiredCopy(ctx, data.orderId)) return null;
  if (data.version !== undefined && data.version !== order.version) {
    const decided = recentDecision(order);
    const { key, vars } = decided
      ? describeResult({ ok: false, reason: 'done_by_other', ...decided })
      : { key: 'order-card-changed', vars: undefined };
    await ctx.answerCallbackQuery({ text: ctx.t(key, vars), show_alert: true });
    await redrawTappedCard(ctx, data.orderId);
    return null;
  }
  return order;
}
