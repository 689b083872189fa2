import { Composer, InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { adminsOnly } from '#src/bot/middlewares/access.js';

const storeIdSchema = z.string().regex(/^[a-f0-9]{24}$/);
export const BACKFILL_PERIODS_DAYS = [7, 30, 90] as const;

const chooseStoreCallback = defineCallback('bf', z.object({ storeId: storeIdSchema }));
const choosePeriodCallback = defineCallback(
  'bp',
  z.object({
    storeId: storeIdSchema,
    days: z.enum(BACKFILL_PERIODS_DAYS.map(String) as [string, ...string[]]).transform(Number),
  }),
);

/** O6: `/backfill` → store → period → an import job with a progress message. */
export const backfillFeature = new Composer<BotContext>();

backfillFeature.command('backfill', adminsOnly, async (ctx) => {
  const stores = await ctx.services.stores.listActive();
  if (stores.length === 0) {
    await ctx.reply(ctx.t('backfill-no-stores'));
    return;
  }
  const keyboard = new InlineKeyboard();
  for (const store of stores)
    keyboard.text(store.name, chooseStoreCallback.pack({ storeId: String(store._id) })).row();
  await ctx.reply(ctx.t('backfill-choose-store'), { reply_markup: keyboard });
});

backfillFeature.callbackQuery(chooseStoreCallback.filter, adminsOnly, async (ctx, next) => {
  const data = chooseStoreCallback.unpack(ctx.callbackQuery.data);
  if (!data) return next();
  const keyboard = new InlineKeyboard();
  for (const days of BACKFILL_PERIODS_DAYS) {
    keyboard.text(
      ctx.t('backfill-days', { days }),
      choosePeriodCallback.pack({ storeId: data.storeId, days }),
    );
  }
  await ctx.editMessageText(ctx.t('backfill-choose-period'), { reply_markup: keyboard });
  await ctx.answerCallbackQuery();
});

backfillFeature.callbackQuery(choosePeriodCallback.filter, adminsOnly, async (ctx, next) => {
  const data = choosePeriodCallback.unpack(ctx.callbackQuery.data);
  const message = ctx.callbackQuery.message;
  if (!data || !message) return next();
  const store = await ctx.services.stores.get(data.storeId);
  if (!store) {
    await ctx.answerCallbackQuery({ text: ctx.t('backfill-store-gone'), show_alert: true });
    return;
  }
  await ctx.editMessageText(ctx.t('backfill-started', { store: store.name, days: data.days }));
  await ctx.answerCallbackQuery();
  await ctx.requestBackfill({
    storeId: data.storeId,
    since: new Date(Date.now() - data.days * 24 * 3_600_000).toISOString(),
    chatId: message.chat.id,
    messageId: message.message_id,
  });
});
