import type { Locale } from '#src/config/locales.js';
import type { Logger } from '#src/logger.js';
import { escapeHtml, formatMoney } from '#src/notify/cards/format.js';
import type { CardRenderContext } from '#src/notify/order-card-view.js';
import { isChatBlocked } from '#src/services/blocked-chats.js';
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

function storeCaption(
  store: StoreDay,
  date: string,
  locale: Locale,
  t: (key: string, vars?: Record<string, string | number>) => string,
) {
  const lines = store.values.map(({ metric, value }) =>
    t(metric.key, { value: metric.kind === 'money' ? formatMoney(value, 'UAH', locale) : value }),
  );
  return [`<b>${escapeHtml(store.storeName)}</b> · ${date}`, ...lines].join('\n');
}

/**
 * J4: each admin gets, once per day, one message per store that had anything to report (with
 * that day's orders report attached), one line for the quiet stores, or one line for a day
 * with nothing. All of an admin's messages are queued in one write under keys named by the day,
 * so however many processes run the job, the admin gets one copy; the outbox sends them.
 */
export async function sendDailySummaries(deps: DailySummaryDeps, now = new Date()): Promise<number[]> {
  const { cards, service } = deps;
  const timeZone = cards.timeZone;
  const day: Period = { from: localDayStart(now, timeZone), to: localDayStart(now, timeZone, 1) };
  const dayKey = localDateKey(now, timeZone);
  const date = displayDate(dayKey);
  const stores = await service.storeDays(day);
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
    const t = (key: string, vars?: Record<string, string | number>) => cards.translate(locale, key, vars);
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
      const filename = `summary-${dayKey}-${String(store.storeId).slice(-6)}.xlsx`;
      requests.push(
        fileRequest(
          `${dayKey}:${String(store.storeId)}`,
          {
            method: 'document',
            filename,
            bytes: report.buffer,
            caption: storeCaption(store, date, locale, t),
            parseMode: 'HTML',
          },
          chat,
        ),
      );
    }
    if (busy.length > 0 && quiet.length > 0) {
      const names = quiet.map((s) => s.storeName).join(', ');
      requests.push(text('quiet', escapeHtml(t('summary-quiet-stores', { stores: names }))));
    }
    await enqueue(cards.models, requests);
    queuedFor.push(chat.chatId);
  }
  if (queuedFor.length > 0)
    deps.logger.info({ admins: queuedFor.length, day: dayKey }, 'daily summaries queued');
  return queuedFor;
}
