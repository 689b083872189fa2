import { Composer } from 'grammy';
import type { BotContext } from '#src/bot/context.js';

export const startFeature = new Composer<BotContext>();

startFeature.command('start', async (ctx) => {
  await ctx.reply(ctx.t('start-welcome', { name: ctx.from?.first_name ?? '' }));
});

startFeature.command('help', async (ctx) => {
  await ctx.reply(ctx.t('help-text'), { parse_mode: 'HTML' });
});
