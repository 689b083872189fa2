import { Composer, InlineKeyboard } from 'grammy';
import { Types } from 'mongoose';
import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { runInBackground, sendXlsx } from '#src/bot/files.js';
import { visibleStores } from '#src/bot/visible-stores.js';
import { localDateKey, periodRange, reportPeriods } from '#src/services/local-time.js';
import { buildOrdersReport } from '#src/services/xlsx/orders-report.js';

const periodSchema = z.enum(reportPeriods);
const ALL_STORES = 'all';
const choosePeriod = defineCallback('rpp', z.object({ period: periodSchema }));
const chooseStore = defineCallback(
  'rps',
  z.object({
    period: periodSchema,
    store: z.union([z.literal(ALL_STORES), z.string().regex(/^[a-f0-9]{24}$/)]),
  }),
);

/** P3: /report → period → store (or all) → the XLSX. */
export const reportsFeature = new Composer<BotContext>();

reportsFeature.command('report', async (ctx) => {
  const keyboard = new InlineKeyboard();
  reportPeriods.forEach((period, i) => {
    keyboard.text(ctx.t(`report-period-${period}`), choosePeriod.pack({ period }));
    if (i % 2 === 1) keyboard.row();
  });
  await ctx.reply(ctx.t('report-choose-period'), { reply_markup: keyboard });
});

reportsFeature.callbackQuery(choosePeriod.filter, async (ctx, next) => {
  const data = choosePeriod.unpack(ctx.callbackQuery.data);
  if (!data) return next();
  await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard().text(
    ctx.t('report-all-stores'),
    chooseStore.pack({ period: data.period, store: ALL_STORES }),
  );
  for (const store of await visibleStores(ctx)) {
    keyboard.row().text(store.name, chooseStore.pack({ period: data.period, store: String(store._id) }));
  }
  await ctx.editMessageText(ctx.t('report-choose-store'), { reply_markup: keyboard });
});

reportsFeature.callbackQuery(chooseStore.filter, async (ctx, next) => {
  const data = chooseStore.unpack(ctx.callbackQuery.data);
  if (!data) return next();
  await ctx.answerCallbackQuery();
  const stores = await visibleStores(ctx);
  const chosen = data.store === ALL_STORES ? stores : stores.filter((s) => String(s._id) === data.store);
  if (chosen.length === 0) {
    await ctx.editMessageText(ctx.t('report-no-stores'));
    return;
  }
  const timeZone = ctx.config.timezone;
  const period = periodRange(data.period, new Date(), timeZone);
  const periodLabel = ctx.t(`report-period-${data.period}`);
  await ctx.editMessageText(ctx.t('report-building', { period: periodLabel }));
  runInBackground(ctx, async () => {
    const report = await buildOrdersReport(
      ctx.cards.models,
      { period, storeIds: chosen.map((s) => new Types.ObjectId(String(s._id))) },
      { t: (key) => ctx.t(key), timeZone },
    );
    const storeLabel = data.store === ALL_STORES ? ctx.t('report-all-stores') : (chosen[0]?.name ?? '');
    await sendXlsx(
      ctx,
      {
        buffer: report.buffer,
        filename: `orders-${data.period}-${localDateKey(period.from, timeZone)}.xlsx`,
      },
      ctx.t('report-caption', { period: periodLabel, store: storeLabel, orders: report.orders }),
    );
  });
});
