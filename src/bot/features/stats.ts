import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { Types } from 'mongoose';
import { z } from 'zod';
import { localeOf } from '#src/bot/admin-callbacks.js';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { runInBackground } from '#src/bot/files.js';
import { memberScope, visibleStores } from '#src/bot/visible-stores.js';
import { fitLabel } from '#src/notify/charts/svg.js';
import { statsCaption } from '#src/notify/charts/stats-caption.js';
import { drawStatsChart, type StatsLabels } from '#src/notify/charts/stats-picture.js';
import { STATS_PERIODS, periodStats } from '#src/services/charts/period-stats.js';

const choosePeriod = defineCallback('stp', z.object({ days: z.enum(STATS_PERIODS) }));

/** J6 `/stats` → 7, 30 or 90 days → one picture of the member's stores, the numbers as its caption. */
export const statsFeature = new Composer<BotContext>();

statsFeature.command('stats', async (ctx) => {
  const keyboard = new InlineKeyboard();
  for (const days of STATS_PERIODS)
    keyboard.text(ctx.t('stats-period', { days }), choosePeriod.pack({ days }));
  await ctx.reply(ctx.t('stats-choose-period'), { reply_markup: keyboard });
});

statsFeature.callbackQuery(choosePeriod.filter, async (ctx, next) => {
  const data = choosePeriod.unpack(ctx.callbackQuery.data);
  if (!data) return next();
  const stores = await visibleStores(ctx);
  if (stores.length === 0) {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t('stats-no-stores'));
    return;
  }
  // the menu stays as it is, so another period is one more tap
  await ctx.answerCallbackQuery({ text: ctx.t('stats-building', { days: data.days }) });
  const menu = ctx.callbackQuery.message?.message_id;
  const labels: StatsLabels = {
    t: (key, vars) => ctx.t(key, vars),
    locale: localeOf(ctx),
    scope: memberScope(ctx).allStores
      ? ctx.t('stats-all-stores')
      : fitLabel(stores.map((store) => store.name).join(', '), 120),
  };
  runInBackground(ctx, async () => {
    const stats = await periodStats(ctx.cards.models, {
      storeIds: stores.map((store) => new Types.ObjectId(String(store._id))),
      days: Number(data.days),
      now: new Date(),
      timeZone: ctx.config.timezone,
    });
    const chart = await drawStatsChart(stats, labels);
    await ctx.replyWithPhoto(new InputFile(chart.png, `stats-${data.days}d.png`), {
      caption: statsCaption(stats, labels),
      ...(menu ? { reply_parameters: { message_id: menu, allow_sending_without_reply: true } } : {}),
    });
  });
});
