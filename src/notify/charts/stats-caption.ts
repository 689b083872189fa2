import { formatMoney } from '#src/notify/cards/format.js';
import { formatCount, formatDuration, formatShare } from '#src/notify/charts/numbers.js';
import type { StatsLabels } from '#src/notify/charts/stats-picture.js';
import type { PeriodStats } from '#src/services/charts/period-stats.js';

const CAPTION_REASONS = 3;

/** J6: the numbers behind the picture in a few lines (a photo caption holds 1024 characters). */
export function statsCaption(stats: PeriodStats, { t, locale, scope }: StatsLabels): string {
  const { totals } = stats;
  const reasons = stats.reasons
    .slice(0, CAPTION_REASONS)
    .map(({ reason, count }) => `${reason ?? t('chart-reason-unknown')} — ${count}`)
    .join(', ');
  return t('stats-caption', {
    days: stats.days.keys.length,
    scope,
    orders: formatCount(totals.orders, locale),
    revenue: formatMoney(totals.revenueKop, 'UAH', locale),
    cancelled: formatCount(totals.cancelled, locale),
    cancelledShare: formatShare(totals.cancelled, totals.orders, locale),
    reasons: reasons ? t('stats-caption-reasons', { reasons }) : '',
    accept: formatDuration(stats.acceptMs.median, t),
    auto: formatCount(totals.autoAccepted, locale),
    autoShare: formatShare(totals.autoAccepted, totals.orders, locale),
  });
}
