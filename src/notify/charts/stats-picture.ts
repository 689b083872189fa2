import type { Locale } from '#src/config/locales.js';
import { COLORS, bars, dayLabels } from '#src/notify/charts/bars.js';
import {
  formatCount,
  formatDuration,
  formatShare,
  formatWholeMoney,
  niceCeiling,
  type Translate,
} from '#src/notify/charts/numbers.js';
import { renderChart, type Chart } from '#src/notify/charts/render.js';
import { charsIn, fitLabel, rect, svgDocument, text } from '#src/notify/charts/svg.js';
import { shortDate } from '#src/services/charts/local-days.js';
import type { PeriodStats } from '#src/services/charts/period-stats.js';

export const STATS_CHART_SIZE = { width: 1080, height: 1350 } as const;
const MARGIN = 48;
const PLOT_WIDTH = STATS_CHART_SIZE.width - 2 * MARGIN;
const TOP_REASONS = 4;

export interface StatsLabels {
  t: Translate;
  locale: Locale;
  /** "all stores" or the names of the stores in it */
  scope: string;
}

function tile(x: number, y: number, value: string, label: string): string[] {
  return [
    rect(x, y, PLOT_WIDTH / 2 - 12, 112, '#f8fafc'),
    text(x + 20, y + 54, value, { size: 40, bold: true }),
    text(x + 20, y + 94, label, { size: 24, fill: COLORS.muted }),
  ];
}

function panelTitle(y: number, title: string, aside: string): string[] {
  return [
    text(MARGIN, y, title, { size: 28, bold: true }),
    text(MARGIN + PLOT_WIDTH, y, aside, { size: 24, anchor: 'end', fill: COLORS.muted }),
  ];
}

function reasonBars(stats: PeriodStats, y: number, { t, locale }: StatsLabels): string[] {
  const out = panelTitle(
    y,
    t('chart-reasons-title'),
    t('chart-reasons-total', { count: stats.totals.cancelled }),
  );
  const top = stats.reasons.slice(0, TOP_REASONS);
  if (top.length === 0) {
    out.push(text(MARGIN, y + 56, t('chart-reasons-none'), { size: 24, fill: COLORS.muted }));
    return out;
  }
  const most = Math.max(...top.map((reason) => reason.count));
  top.forEach((reason, i) => {
    const rowY = y + 24 + i * 58;
    const label = reason.reason ?? t('chart-reason-unknown');
    out.push(rect(MARGIN, rowY + 34, (reason.count / most) * PLOT_WIDTH * 0.75, 16, COLORS.cancelled));
    out.push(text(MARGIN, rowY + 26, fitLabel(label, charsIn(PLOT_WIDTH - 140, 24)), { size: 24 }));
    out.push(
      text(MARGIN + PLOT_WIDTH, rowY + 26, formatCount(reason.count, locale), {
        size: 24,
        anchor: 'end',
        bold: true,
      }),
    );
  });
  return out;
}

/**
 * J6: one picture of a period: headline numbers, orders per day (cancelled part in red), revenue
 * per day, and the top reasons for cancelling, in the shop's time zone.
 */
export async function drawStatsChart(stats: PeriodStats, labels: StatsLabels): Promise<Chart> {
  const { t, locale } = labels;
  const { keys } = stats.days;
  const { totals } = stats;
  const ordersTop = niceCeiling(Math.max(...stats.orders, 1));
  const revenueTop = niceCeiling(Math.max(...stats.revenueKop, 100));
  const header = t('chart-period', {
    from: shortDate(keys[0] ?? ''),
    to: shortDate(keys.at(-1) ?? ''),
    timeZone: stats.timeZone,
  });
  const body = [
    text(MARGIN, 72, t('chart-stats-title', { days: keys.length }), { size: 40, bold: true }),
    text(MARGIN, 112, fitLabel(`${header} · ${labels.scope}`, charsIn(PLOT_WIDTH, 26)), {
      size: 26,
      fill: COLORS.muted,
    }),
    ...tile(MARGIN, 140, formatWholeMoney(totals.revenueKop, locale), t('chart-tile-revenue')),
    ...tile(
      MARGIN + PLOT_WIDTH / 2 + 12,
      140,
      formatShare(totals.cancelled, totals.orders, locale),
      t('chart-tile-cancelled', { count: totals.cancelled }),
    ),
    ...tile(MARGIN, 268, formatDuration(stats.acceptMs.median, t), t('chart-tile-accept')),
    ...tile(
      MARGIN + PLOT_WIDTH / 2 + 12,
      268,
      formatShare(totals.autoAccepted, totals.orders, locale),
      t('chart-tile-auto', { count: totals.autoAccepted }),
    ),
    ...panelTitle(
      440,
      t('chart-orders-title'),
      t('chart-orders-aside', { total: formatCount(totals.orders, locale), max: ordersTop }),
    ),
    ...bars({
      x: MARGIN,
      y: 460,
      width: PLOT_WIDTH,
      height: 230,
      values: stats.orders,
      marked: stats.cancelled,
      color: COLORS.orders,
      max: ordersTop,
      highlightLast: true,
      labelValues: keys.length <= 14,
      dayKeys: keys,
    }),
    ...dayLabels(keys, MARGIN, PLOT_WIDTH, 720),
    ...panelTitle(
      786,
      t('chart-revenue-title'),
      t('chart-revenue-aside', { max: formatWholeMoney(revenueTop, locale) }),
    ),
    ...bars({
      x: MARGIN,
      y: 806,
      width: PLOT_WIDTH,
      height: 190,
      values: stats.revenueKop,
      color: COLORS.revenue,
      max: revenueTop,
      dayKeys: keys,
    }),
    ...dayLabels(keys, MARGIN, PLOT_WIDTH, 1026),
    ...reasonBars(stats, 1080, labels),
  ];
  return renderChart(svgDocument(STATS_CHART_SIZE.width, STATS_CHART_SIZE.height, body), statsSeries(stats));
}

/** What the picture was drawn from, as the PNG carries it (no buyer data). */
export function statsSeries(stats: PeriodStats) {
  return {
    kind: 'stats',
    timeZone: stats.timeZone,
    stores: stats.storeIds,
    days: stats.days.keys,
    orders: stats.orders,
    cancelled: stats.cancelled,
    revenueKop: stats.revenueKop,
    totals: stats.totals,
    reasons: stats.reasons,
    acceptMs: stats.acceptMs,
  };
}
