import type { CallbackQueryContext, Composer } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { CallbackCodec } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { adminsInAnyChat, adminsOnly } from '#src/bot/middlewares/access.js';
import type { Locale } from '#src/config/locales.js';

/**
 * An admin button: anyone else (and, unless `where` says otherwise, any chat but a private one) is
 * refused before the data is even read; data that does not validate falls through to the "button
 * no longer works" answer.
 */
export function onAdminCallback<T>(
  composer: Composer<BotContext>,
  codec: CallbackCodec<T>,
  handle: (ctx: CallbackQueryContext<BotContext>, data: T) => Promise<unknown>,
  where: 'private' | 'any chat' = 'private',
) {
  composer.callbackQuery(
    codec.filter,
    where === 'private' ? adminsOnly : adminsInAnyChat,
    async (ctx, next) => {
      const data = codec.unpack(ctx.callbackQuery.data);
      if (!data) return next();
      await handle(ctx, data);
    },
  );
}

/** A short answer to a tap whose subject no longer exists (or never did: a forged button). */
export const answerGone = (ctx: BotContext) =>
  ctx.answerCallbackQuery({ text: ctx.t('admin-not-found'), show_alert: true });

export const localeOf = (ctx: BotContext): Locale =>
  (ctx.appUser?.locale as Locale | null) ?? ctx.config.defaultLocale;

/** Edits the menu message in place; an identical menu is not an error. */
export async function showMenu(ctx: BotContext, text: string, replyMarkup: InlineKeyboardMarkup) {
  try {
    await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: replyMarkup });
  } catch (error) {
    if (!/message is not modified/i.test(String((error as Error).message))) throw error;
  }
}
