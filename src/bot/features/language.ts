import { Composer, InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { localeSchema, supportedLocales } from '#src/config/locales.js';

const setLanguage = defineCallback('lang', z.object({ locale: localeSchema }));

export const languageFeature = new Composer<BotContext>();

languageFeature.command('language', async (ctx) => {
  const keyboard = new InlineKeyboard();
  for (const locale of supportedLocales)
    keyboard.text(ctx.t(`language-${locale}`), setLanguage.pack({ locale }));
  await ctx.reply(ctx.t('language-choose'), { reply_markup: keyboard });
});

languageFeature.callbackQuery(setLanguage.filter, async (ctx, next) => {
  const data = setLanguage.unpack(ctx.callbackQuery.data);
  if (!data || !ctx.appUser) return next();
  await ctx.services.users.setLocale(ctx.appUser.telegramId, data.locale);
  ctx.appUser.locale = data.locale;
  await ctx.i18n.renegotiateLocale();
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('language-changed'));
});
