import { GrammyError, InputFile, type Api } from 'grammy';
import type { Locale } from '#src/config/locales.js';
import type { Logger } from '#src/logger.js';
import { escapeHtml, formatMoney } from '#src/notify/cards/format.js';
import { drawDailyChart } from '#src/notify/charts/daily-picture.js';
import type { Chart } from '#src/notify/charts/render.js';
import { sendFile } from '#src/notify/documents.js';
import type { CardRenderContext } from '#src/notify/order-card-view.js';
import { chatIsUnreachable, isChatBlocked, markChatBlocked } from '#src/services/blocked-chats.js';
import type { DailyChartData } from '#src/services/charts/order-days.js';
import { formatWeekChange, weekChange } from '#src/services/charts/week-change.js';
import type { DailySummaryService, StoreDay } from '#src/services/daily-summary.js';
import { localDateKey, localDayStart, type Period } from '#src/services/local-time.js';
import { buildOrdersReport } from '#src/services/xlsx/orders-report.js';

export interface DailySummaryDeps {
  api: Api;
  service: DailySummaryService;
  cards: CardRenderContext;
  adminIds: readonly number[];
  logger: Logger;
}

const displayDate = (dayKey: string) => dayKey.split('-').reverse().join('.');
type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Today's orders of the store against the same weekday a week earlier (from the picture's days). */
function weekChangeLine(chart: DailyChartData | null, storeId: string, t: Translate): string[] {
  const days = chart?.days.keys ?? [];
  const orders = chart?.stores.find((s) => s.storeId === storeId)?.orders ?? [];
  const weekAgo = days.length - 8;
  if (weekAgo < 0) return [];
  const change = weekChange(orders[weekAgo] ?? 0, orders.at(-1) ?? 0);
  if (change.before === 0 && change.now === 0) return [];
  return [
    t('summary-week-change', {
      date: displayDate(days[weekAgo] as string),
      before: change.before,
      change: formatWeekChange(change),
    }),
  ];
}

function storeCaption(
  store: StoreDay,
  date: string,
  locale: Locale,
  t: Translate,
  chart: DailyChartData | null,
) {
  const lines = store.values.map(({ metric, value }) =>
    t(metric.key, { value: metric.kind === 'money' ? formatMoney(value, 'UAH', locale) : value }),
  );
  return [
    `<b>${escapeHtml(store.storeName)}</b> · ${date}`,
    ...lines,
    ...weekChangeLine(chart, String(store.storeId), t),
  ].join('\n');
}

/**
 * The picture in each admin's language, drawn once per language; a summary still goes out
 * without it when the data or the drawing fail.
 */
function chartsByLocale(deps: DailySummaryDeps, chart: DailyChartData | null) {
  const drawn = new Map<Locale, Promise<Chart | null>>();
  return (locale: Locale): Promise<Chart | null> => {
    if (!chart || chart.stores.length === 0) return Promise.resolve(null);
    let picture = drawn.get(locale);
    if (!picture) {
      const t: Translate = (key, vars) => deps.cards.translate(locale, key, vars);
      picture = drawDailyChart(chart, t, locale).catch((error: unknown) => {
        deps.logger.error({ err: error }, 'the daily summary picture could not be drawn');
        return null;
      });
      drawn.set(locale, picture);
    }
    return picture;
  };
}

/**
 * J4: each admin gets, once per day, one message per store that had anything to report (with
 * that day's orders report attached), one line for the quiet stores, or one line for a day
 * with nothing. The per-(day, admin) claim keeps it to one copy however many processes run it.
 */
export async function sendDailySummaries(deps: DailySummaryDeps, now = new Date()): Promise<number[]> {
  const { cards, service, api, logger } = deps;
  const timeZone = cards.timeZone;
  const day: Period = { from: localDayStart(now, timeZone), to: localDayStart(now, timeZone, 1) };
  const dayKey = localDateKey(now, timeZone);
  const date = displayDate(dayKey);
  const stores = await service.storeDays(day);
  const chart = await service.chart(now, timeZone).catch((error: unknown) => {
    logger.error({ err: error }, 'the daily summary picture could not be read');
    return null;
  });
  const pictureIn = chartsByLocale(deps, chart);
  const busy = stores.filter((s) => !s.quiet);
  const quiet = stores.filter((s) => s.quiet);
  const sentTo: number[] = [];

  for (const admin of await service.recipients(deps.adminIds)) {
    if (await isChatBlocked(cards.models, admin.telegramId)) continue;
    if (!(await service.claim(dayKey, admin.telegramId))) continue;
    const locale = (admin.locale as Locale | null) ?? cards.defaultLocale;
    const t = (key: string, vars?: Record<string, string | number>) => cards.translate(locale, key, vars);
    const chatId = admin.telegramId;
    try {
      if (busy.length === 0) await api.sendMessage(chatId, t('summary-nothing', { date }));
      for (const store of busy) {
        const caption = storeCaption(store, date, locale, t, chart);
        const report = await buildOrdersReport(
          cards.models,
          { period: day, storeIds: [store.storeId] },
          { t: (key) => t(key), timeZone },
        );
        const sent = await sendFile(
          api,
          chatId,
          { buffer: report.buffer, filename: `summary-${dayKey}-${String(store.storeId).slice(-6)}.xlsx` },
          { caption, parseMode: 'HTML' },
        );
        if (!sent.ok) {
          await api.sendMessage(chatId, `${caption}\n${t('file-too-large')}`, { parse_mode: 'HTML' });
        }
      }
      if (busy.length > 0 && quiet.length > 0) {
        await api.sendMessage(
          chatId,
          t('summary-quiet-stores', { stores: quiet.map((s) => s.storeName).join(', ') }),
        );
      }
      // last, so the numbers are out even if Telegram refuses the picture
      const picture = await pictureIn(locale);
      if (picture) {
        await api.sendPhoto(chatId, new InputFile(picture.png, `summary-${dayKey}.png`), {
          caption: t('summary-chart-caption', {
            days: chart?.days.keys.length ?? 0,
            date,
            timeZone,
          }),
        });
      }
      sentTo.push(chatId);
    } catch (error) {
      if (error instanceof GrammyError && chatIsUnreachable(error.error_code, error.description)) {
        if (await markChatBlocked(cards.models, chatId, error.description))
          logger.warn(
            { chat: chatId },
            'chat blocked the bot; its notifications are skipped until it writes',
          );
        continue;
      }
      // the claim stays: a second copy later would be worse than a gap the log explains
      logger.error({ err: error, admin: chatId, day: dayKey }, 'daily summary could not be delivered');
    }
  }
  return sentTo;
}
