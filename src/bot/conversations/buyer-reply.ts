import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import { buildPreview, describeRefusal, type BuyerReplyArgs } from '#src/bot/features/messages.js';
import { actorOf } from '#src/bot/order-callback-guard.js';
import type { AppI18n } from '#src/bot/i18n.js';
import type { Services } from '#src/services/index.js';

/**
 * M2: asks for the answer to one buyer message, keeps it as a draft and shows the preview with
 * the store's signature; Send / Edit / Cancel on the preview take it from there. The state sits
 * in MongoDB, so a restart in the middle loses nothing; /cancel leaves.
 */
export function createBuyerReply(deps: { services: Services; i18n: AppI18n }) {
  return async function buyerReply(
    conversation: Conversation<BotContext, Context>,
    ctx: Context,
    args: BuyerReplyArgs,
  ) {
    const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(args.locale, key, vars);
    const opened = await conversation.external(async (outside) => {
      const found = await deps.services.buyerReplies.open(args.messageId, actorOf(outside));
      if (!found.ok) return { ok: false as const, ...describeRefusal(found) };
      return {
        ok: true as const,
        buyer: found.message.buyerName || found.thread.buyerName || t('message-card-buyer-unknown'),
        store: found.store.name,
      };
    });
    if (!opened.ok) {
      await ctx.reply(t(opened.key, opened.vars));
      return;
    }
    const prompt = await ctx.reply(t('message-reply-ask', { buyer: opened.buyer, store: opened.store }), {
      reply_markup: { force_reply: true, selective: true },
    });
    for (;;) {
      // a reply to another card, other people and other commands pass on to the rest of the bot
      const answer = await conversation.waitUntil(
        (c) => {
          const message = c.message;
          if (c.from?.id !== args.userId || message?.text === undefined) return false;
          if (message.text.startsWith('/')) return message.text.startsWith('/cancel');
          const repliedTo = message.reply_to_message?.message_id;
          return repliedTo === undefined || repliedTo === prompt.message_id;
        },
        { next: true },
      );
      const text = (answer.message?.text ?? '').trim();
      if (text.startsWith('/cancel')) {
        await answer.reply(t('cancelled'));
        return;
      }
      if (text === '') {
        await answer.reply(t('message-reply-empty'));
        continue;
      }
      const preview = await conversation.external(async (outside) => {
        const actor = actorOf(outside);
        const saved = await deps.services.buyerReplies.saveDraft(args.messageId, actor, text, args.draftId);
        if (!saved.ok) {
          const { key, vars } = describeRefusal(saved);
          return { ok: false as const, text: t(key, vars) };
        }
        return buildPreview(deps.services, saved.draftId, actor, t);
      });
      if (preview.ok) {
        await answer.reply(preview.text, { parse_mode: 'HTML', reply_markup: preview.replyMarkup });
      } else {
        await answer.reply(preview.text);
      }
      return;
    }
  };
}
