import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '#src/bot/context.js';

/** What a conversation sees instead of a secret the user typed. */
export const SECRET_PLACEHOLDER = '[secret]';

/**
 * S1: installed after `conversations()` and before the conversation that asks for a token
 * or a password. While that conversation waits for one, the message is sealed into the
 * database and deleted from the chat, and the update the conversation records (and
 * stores) carries only a placeholder.
 */
export function captureSecretInput(conversationId: string): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const message = ctx.message;
    if (
      !message?.text ||
      message.text.startsWith('/') ||
      ctx.chat?.type !== 'private' ||
      !ctx.from ||
      ctx.conversation.active(conversationId) === 0
    ) {
      return next();
    }
    const taken = await ctx.services.storeAdmin.captureSecret(ctx.chat.id, ctx.from.id, message.text);
    if (!taken) return next();
    message.text = SECRET_PLACEHOLDER;
    try {
      await ctx.deleteMessage();
    } catch (error) {
      ctx.logger.warn({ err: error }, 'could not delete the message that carried a secret');
      await ctx.reply(ctx.t('connect-delete-yourself'));
    }
    return next();
  };
}
