import type { Locale } from '#src/config/locales.js';
import type { Logger } from '#src/logger.js';
import { escapeHtml, formatMoney } from '#src/notify/cards/format.js';
import { drawDailyChart } from '#src/notify/charts/daily-picture.js';
import type { Chart } from '#src/notify/charts/render.js';
import type { CardRenderContext } from '#src/notify/order-card-view.js';
import { isChatBlocked } from '#src/services/blocked-chats.js';
import type { DailyChartData } from '#src/services/charts/order-days.js';
import { formatWeekChange, weekChange } from '#src/services/charts/week-change.js';
import type { DailySummaryService, StoreDay } from '#src/services/daily-summary.js';
import { localDateKey, localDayStart, type Period } from '#src/services/local-time.js';
import {
  enqueue,
  fileRequest,
  isEnqueued,
  messageRequest,
  type OutboxRequest,
} from '#src/services/outbox.js';
import { buildOrdersReport } from '#src/services/xlsx/orders-report.js';

export interface DailySummaryDeps {
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
 * with nothing, and then the picture of the last two weeks. All of an admin's messages are
 * queued in one write under keys named by the day, so however many processes run the job, the
 * admin gets one copy; the outbox sends them, in that order.
 */
export async function sendDailySummaries(deps: DailySummaryDeps, now = new Date()): Promise<number[]> {
  const { cards, service, logger } = deps;
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
  const queuedFor: number[] = [];

  for (const admin of await service.recipients(deps.adminIds)) {
    const chat = { chatId: admin.telegramId, threadId: 0 };
    if (await isChatBlocked(cards.models, chat.chatId)) continue;
    // all of a day's requests go in one write, so its first one stands for them all
    const first = busy[0];
    const queued = first
      ? isEnqueued(cards.models, 'file', `${dayKey}:${String(first.storeId)}`, chat)
      : isEnqueued(cards.models, 'summary', `${dayKey}:nothing`, chat);
    if (await queued) continue;
    const locale = (admin.locale as Locale | null) ?? cards.defaultLocale;
    const t: Translate = (key, vars) => cards.translate(locale, key, vars);
    const text = (part: string, html: string) =>
      messageRequest('summary', `${dayKey}:${part}`, { html }, chat);
    const requests: OutboxRequest[] = [];
    if (busy.length === 0) requests.push(text('nothing', escapeHtml(t('summary-nothing', { date }))));
    for (const store of busy) {
      const report = await buildOrdersReport(
        cards.models,
        { period: day, storeIds: [store.storeId] },
        { t: (key) => t(key), timeZone },
      );
      const caption = storeCaption(store, date, locale, t, chart);
      const filename = `summary-${dayKey}-${String(store.storeId).slice(-6)}.xlsx`;
      requests.push(
        fileRequest(
          `${dayKey}:${String(store.storeId)}`,
          { method: 'document', filename, bytes: report.buffer, caption, parseMode: 'HTML' },
          chat,
        ),
      );
    }
    if (busy.length > 0 && quiet.length > 0) {
      const names = quiet.map((s) => s.storeName).join(', ');
      requests.push(text('quiet', escapeHtml(t('summary-quiet-stores', { stores: names }))));
    }
    // last, so the numbers are out even if Telegram refuses the picture
    const picture = await pictureIn(locale);
    if (picture) {
      const caption = t('summary-chart-caption', { days: chart?.days.keys.length ?? 0, date, timeZone });
      requests.push(
        fileRequest(
          `${dayKey}:picture`,
          { method: 'photo', filename: `summary-${dayKey}.png`, bytes: picture.png, caption },
          chat,
        ),
      );
    }
    await enqueue(cards.models, requests);
    queuedFor.push(chat.chatId);
  }
  if (queuedFor.length > 0) logger.info({ admins: queuedFor.length, day: dayKey }, 'daily summaries queued');
  return queuedFor;
}
