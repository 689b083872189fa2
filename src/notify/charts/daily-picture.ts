import type { Locale } from '#src/config/locales.js';
import { COLORS, bars, dayLabels } from '#src/notify/charts/bars.js';
import { formatCount, type Translate } from '#src/notify/charts/numbers.js';
import { renderChart, type Chart } from '#src/notify/charts/render.js';
import { charsIn, fitLabel, rect, svgDocument, text } from '#src/notify/charts/svg.js';
import type { DailyChartData, StoreDays } from '#src/services/charts/order-days.js';
import { shortDate } from '#src/services/charts/local-days.js';

/** Rows of small multiples; past this the quieter stores share the last row. */
const MAX_ROWS = 6;
const WIDTH = 1080;
const MARGIN = 48;
const PLOT_WIDTH = WIDTH - 2 * MARGIN;
const ROWS_TOP = 180;
const ROWS_HEIGHT = 820;
const ROW_MAX_HEIGHT = 200;
/** the day labels under the rows, then today's hours */
const BELOW_ROWS = 66 + 290;

/**
 * 1080 px wide (a phone shows it edge to edge; no text under 24 px at this size), as tall as
 * its rows: 1080 × 736 for one store up to 1080 × 1352 (about 4:5) for six rows.
 */
export function dailyChartSize(stores: number): { width: number; height: number } {
  const rows = Math.min(Math.max(stores, 1), MAX_ROWS);
  return { width: WIDTH, height: ROWS_TOP + rows * rowHeightFor(rows) + BELOW_ROWS };
}

const rowHeightFor = (rows: number) => Math.floor(Math.min(ROW_MAX_HEIGHT, ROWS_HEIGHT / rows));

const sumOf = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The busiest stores one per row; the rest together in a last row that says how many. */
function rowsOf(stores: readonly StoreDays[], t: Translate): { label: string; store: StoreDays }[] {
  if (stores.length <= MAX_ROWS) return stores.map((store) => ({ label: store.storeName, store }));
  const shown = stores.slice(0, MAX_ROWS - 1);
  const rest = stores.slice(MAX_ROWS - 1);
  const days = rest[0]?.orders.length ?? 0;
  const together = (pick: (s: StoreDays) => number[]) =>
    Array.from({ length: days }, (_, i) => sumOf(rest.map((s) => pick(s)[i] ?? 0)));
  return [
    ...shown.map((store) => ({ label: store.storeName, store })),
    {
      label: t('chart-other-stores', { count: rest.length }),
      store: {
        storeId: 'other',
        storeName: '',
        orders: together((s) => s.orders),
        cancelled: together((s) => s.cancelled),
      },
    },
  ];
}

function storeRow(
  row: { label: string; store: StoreDays },
  keys: string[],
  y: number,
  height: number,
  t: Translate,
  locale: Locale,
) {
  const today = row.store.orders.at(-1) ?? 0;
  const summary = t('chart-row-summary', {
    total: formatCount(sumOf(row.store.orders), locale),
    today: formatCount(today, locale),
  });
  const summaryChars = [...summary].length;
  return [
    text(MARGIN, y + 26, fitLabel(row.label, charsIn(PLOT_WIDTH, 26) - summaryChars - 2), {
      size: 26,
      bold: true,
    }),
    text(MARGIN + PLOT_WIDTH, y + 26, summary, { size: 24, anchor: 'end', fill: COLORS.muted }),
    ...bars({
      x: MARGIN,
      y: y + 40,
      width: PLOT_WIDTH,
      height: height - 52,
      values: row.store.orders,
      marked: row.store.cancelled,
      color: COLORS.orders,
      highlightLast: true,
      labelValues: true,
      dayKeys: keys,
    }),
  ];
}

function hourStrip(hours: readonly number[], y: number, t: Translate, timeZone: string): string[] {
  const out = [text(MARGIN, y, t('chart-hours-title', { timeZone }), { size: 28, bold: true })];
  const top = Math.max(1, ...hours);
  const cell = PLOT_WIDTH / 12;
  for (let half = 0; half < 2; half++) {
    const rowY = y + 22 + half * 128;
    for (let i = 0; i < 12; i++) {
      const hour = half * 12 + i;
      const count = hours[hour] ?? 0;
      const x = MARGIN + i * cell;
      const strength = count / top;
      // white through light blue to the today blue
      const fill = count === 0 ? '#f1f5f9' : `rgba(29,78,216,${(0.18 + 0.82 * strength).toFixed(2)})`;
      out.push(rect(x + 2, rowY, cell - 4, 68, fill));
      if (count > 0) {
        out.push(
          text(x + cell / 2, rowY + 44, String(count), {
            size: 26,
            anchor: 'middle',
            bold: true,
            fill: strength > 0.5 ? '#ffffff' : COLORS.text,
          }),
        );
      }
      out.push(
        text(x + cell / 2, rowY + 98, String(hour).padStart(2, '0'), {
          size: 24,
          anchor: 'middle',
          fill: COLORS.muted,
        }),
      );
    }
  }
  return out;
}

/**
 * J4: the last days of every store that had orders as small multiples (cancelled part in red,
 * today darker) over today's orders by the hour, all in the shop's time zone.
 */
export async function drawDailyChart(data: DailyChartData, t: Translate, locale: Locale): Promise<Chart> {
  const { keys } = data.days;
  const rows = rowsOf(data.stores, t);
  const rowHeight = rowHeightFor(Math.max(1, rows.length));
  const rowsBottom = ROWS_TOP + rows.length * rowHeight;
  const size = dailyChartSize(data.stores.length);
  const body = [
    text(MARGIN, 72, t('chart-daily-title', { days: keys.length }), { size: 40, bold: true }),
    text(
      MARGIN,
      114,
      t('chart-period', {
        from: shortDate(keys[0] ?? ''),
        to: shortDate(keys.at(-1) ?? ''),
        timeZone: data.timeZone,
      }),
      { size: 26, fill: COLORS.muted },
    ),
    rect(MARGIN, 134, 24, 24, COLORS.orders),
    text(MARGIN + 34, 155, t('chart-legend-orders'), { size: 24 }),
    rect(MARGIN + 300, 134, 24, 24, COLORS.cancelled),
    text(MARGIN + 334, 155, t('chart-legend-cancelled'), { size: 24 }),
    ...rows.flatMap((row, i) => storeRow(row, keys, ROWS_TOP + i * rowHeight, rowHeight, t, locale)),
    ...dayLabels(keys, MARGIN, PLOT_WIDTH, rowsBottom + 28),
    ...hourStrip(data.todayHours, rowsBottom + 86, t, data.timeZone),
  ];
  return renderChart(svgDocument(size.width, size.height, body), dailySeries(data));
}

/** What the picture was drawn from, as the PNG carries it: counts per store and day, no names. */
export function dailySeries(data: DailyChartData) {
  return {
    kind: 'daily',
    timeZone: data.timeZone,
    days: data.days.keys,
    stores: data.stores.map((store) => ({
      id: store.storeId,
      orders: store.orders,
      cancelled: store.cancelled,
    })),
    todayHours: data.todayHours,
  };
}
