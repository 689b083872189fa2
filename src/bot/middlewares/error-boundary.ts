import type { BotError } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import type { createI18n } from '#src/bot/i18n.js';

/**
 * Logs the detail, tells the user in plain words; never a stack trace in a chat. An update can
 * fail before the i18n middleware ran (the team member is loaded from the database first), so
 * the words then come in the default language.
 */
export function createErrorReply(i18n: ReturnType<typeof createI18n>, defaultLocale: string) {
  return async (error: BotError<BotContext>): Promise<void> => {
    const { ctx } = error;
    ctx.logger.error({ err: error.error }, 'update failed');
    try {
      const text =
        typeof ctx.t === 'function' ? ctx.t('error-generic') : i18n.t(defaultLocale, 'error-generic');
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
      else if (ctx.chat?.type === 'private') await ctx.reply(text);
    } catch (replyError) {
      ctx.logger.warn({ err: replyError }, 'could not tell the user about the failure');
    }
  };
}
