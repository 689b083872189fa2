import type { BotError } from 'grammy';
import type { BotContext } from '#src/bot/context.js';

/** Logs the detail, tells the user in plain words; never a stack trace in a chat. */
export async function replyWithError(error: BotError<BotContext>): Promise<void> {
  const { ctx } = error;
  ctx.logger.error({ err: error.error }, 'update failed');
  try {
    const text = ctx.t('error-generic');
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else if (ctx.chat?.type === 'private') await ctx.reply(text);
  } catch (replyError) {
    ctx.logger.warn({ err: replyError }, 'could not tell the user about the failure');
  }
}
