import { GrammyError, type Api } from 'grammy';
import type { Locale } from '#src/config/locales.js';
import type { Logger } from '#src/logger.js';
import { escapeHtml, formatMoney } from '#src/notify/cards/format.js';
import { sendFile } from '#src/notify/documents.js';
import type { CardRenderContext } from '#src/notify/order-card-view.js';
import { chatIsUnreachable, isChatBlocked, markChatBlocked } from '#src/services/blocked-chats.js';
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
 * with nothing. The per-(day, admin) claim keeps it to one copy however many processes run it.
 */
export async function sendDailySummaries(deps: DailySummaryDeps, now = new Date()): Promise<number[]> {
  const { cards, service, api, logger } = deps;
  const timeZone = cards.timeZone;
  const day: Period = { from: localDayStart(now, timeZone), to: localDayStart(now, timeZone, 1) };
  const dayKey = localDateKey(now, timeZone);
  const date = displayDate(dayKey);
  const stores = await service.storeDays(day);
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
      if (busy.length === 0) {
        await api.sendMessage(chatId, t('summary-nothing', { date }));
        sentTo.push(chatId);
        continue;
      }
      for (const store of busy) {
        const caption = storeCaption(store, date, locale, t);
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
      if (quiet.length > 0) {
        await api.sendMessage(
          chatId,
          t('summary-quiet-stores', { stores: quiet.map((s) => s.storeName).join(', ') }),
        );
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
