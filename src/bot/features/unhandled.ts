import { Composer } from 'grammy';
import type { BotContext } from '#src/bot/context.js';

/** Installed last: whatever no feature took gets a short, honest answer. */
export const unhandledFeature = new Composer<BotContext>();

unhandledFeature.on('callback_query', async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.t('unhandled-callback') });
});

unhandledFeature.chatType('private').on('message', async (ctx) => {
  await ctx.reply(ctx.t('unhandled-message'));
});
