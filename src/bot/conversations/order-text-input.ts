import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import { actorOf, describeResult } from '#src/bot/order-callback-guard.js';
import type { OrderTextInputArgs } from '#src/bot/features/orders.js';
import type { AppI18n } from '#src/bot/i18n.js';
import type { Services } from '#src/services/index.js';
import { TTN_PATTERN } from '#src/services/order-actions.js';

const MAX_TRIES = 3;

/**
 * O9 and cancel reasons that need a note: asks one person for one line of text, then
 * performs the action. Survives a restart (state in MongoDB); /cancel leaves it.
 */
export function createOrderTextInput(deps: { services: Services; i18n: AppI18n }) {
  return async function orderTextInput(
    conversation: Conversation<BotContext, Context>,
    ctx: Context,
    args: OrderTextInputArgs,
  ) {
    const t = (key: string, vars?: Record<string, string>) => deps.i18n.t(args.locale, key, vars);
    const order = await conversation.external((outside) =>
      deps.services.orderActions
        .find(args.orderId, actorOf(outside))
        .then((o) => (o ? { number: o.number } : null)),
    );
    if (!order) return;
    const prompt = args.purpose === 'ttn' ? 'order-ttn-ask' : 'order-cancel-note-ask';
    await ctx.reply(t(prompt, { number: order.number }), {
      reply_markup: { force_reply: true, selective: true },
    });
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      // other updates (taps on other cards) pass on to the rest of the bot
      const answer = await conversation.waitUntil(
        (c) => c.from?.id === args.userId && c.message?.text !== undefined,
        {
          next: true,
        },
      );
      const text = (answer.message?.text ?? '').trim();
      if (text.startsWith('/cancel')) {
        await answer.reply(t('cancelled'));
        return;
      }
      const ttn = text.replace(/\s+/g, '');
      if (args.purpose === 'ttn' && !TTN_PATTERN.test(ttn)) {
        await answer.reply(t('order-ttn-invalid'));
        continue;
      }
      const result = await conversation.external((outside) =>
        deps.services.orderActions.perform(
          args.orderId,
          actorOf(outside),
          args.purpose === 'ttn' ? { kind: 'ttn', ttn } : { kind: 'cancel', reason: args.reason ?? '', text },
        ),
      );
      const { key, vars } = describeResult(result);
      await answer.reply(t(key, vars));
      return;
    }
  };
}
