import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '#src/bot/context.js';

/** the update Telegram sends when the user blocks the bot or a group removes it */
const isLeaving = (ctx: BotContext) =>
  ['kicked', 'left'].includes(ctx.myChatMember?.new_chat_member.status ?? '');

/**
 * A chat marked blocked wrote to the bot (in Telegram, unblocking means pressing Start), so it
 * can be reached again: from now on its new cards, alerts and digests are sent.
 */
export const reachableAgain: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.chatId !== undefined && !isLeaving(ctx) && (await ctx.services.blockedChats.forget(ctx.chatId)))
    ctx.logger.info({ chat: ctx.chatId }, 'a blocked chat reaches the bot again; its notifications resume');
  return next();
};
