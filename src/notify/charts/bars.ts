import { shortDate } from '#src/services/charts/local-days.js';
import { line, rect, text } from '#src/notify/charts/svg.js';

/** The palette of every chart: orders blue, today darker, cancellations red, money green. */
export const COLORS = {
  orders: '#60a5fa',
  today: '#1d4ed8',
  cancelled: '#dc2626',
  revenue: '#16a34a',
  weekend: '#f1f5f9',
  axis: '#94a3b8',
  muted: '#52606d',
  text: '#1f2933',
} as const;

export interface BarPanel {
  x: number;
  y: number;
  width: number;
  height: number;
  values: readonly number[];
  /** drawn over the bottom of each bar (the cancelled part of the orders) */
  marked?: readonly number[];
  color: string;
  /** the top of the scale; the tallest bar when not given */
  max?: number;
  /** the last bar (today) in a darker colour */
  highlightLast?: boolean;
  /** the value above each bar, when there is room for it */
  labelValues?: boolean;
  /** day keys, for shading Saturdays and Sundays */
  dayKeys?: readonly string[];
}

const LABEL_SIZE = 24;

const isWeekend = (dayKey: string) => {
  const weekday = new Date(`${dayKey}T12:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/** Vertical bars on a baseline, one slot per value. */
export function bars(panel: BarPanel): string[] {
  const slot = panel.width / Math.max(1, panel.values.length);
  const barWidth = Math.max(2, slot * (slot > 12 ? 0.72 : 0.85));
  const top = Math.max(1, panel.max ?? Math.max(...panel.values, 1));
  const withLabels = panel.labelValues === true && slot >= LABEL_SIZE * 2;
  const plotTop = panel.y + (withLabels ? LABEL_SIZE + 6 : 0);
  const plotHeight = panel.y + panel.height - plotTop;
  const baseline = panel.y + panel.height;
  const out: string[] = [];
  panel.dayKeys?.forEach((key, i) => {
    if (isWeekend(key)) out.push(rect(panel.x + i * slot, panel.y, slot, panel.height, COLORS.weekend));
  });
  panel.values.forEach((value, i) => {
    const x = panel.x + i * slot + (slot - barWidth) / 2;
    const height = (value / top) * plotHeight;
    const last = i === panel.values.length - 1;
    const fill = panel.highlightLast && last ? COLORS.today : panel.color;
    if (value > 0) out.push(rect(x, baseline - Math.max(height, 2), barWidth, Math.max(height, 2), fill));
    const marked = panel.marked?.[i] ?? 0;
    if (marked > 0) {
      const markedHeight = Math.max(3, (marked / top) * plotHeight);
      out.push(rect(x, baseline - markedHeight, barWidth, markedHeight, COLORS.cancelled));
    }
    if (withLabels && value > 0) {
      out.push(
        text(x + barWidth / 2, baseline - height - 6, String(value), {
          size: LABEL_SIZE,
          anchor: 'middle',
          fill: last ? COLORS.today : COLORS.muted,
          bold: last,
        }),
      );
    }
  });
  out.push(line(panel.x, baseline, panel.x + panel.width, baseline, COLORS.axis));
  return out;
}

/** Day labels ("03.12") under a row of slots, spaced so they never touch, ending at today. */
export function dayLabels(dayKeys: readonly string[], x: number, width: number, y: number): string[] {
  const slot = width / Math.max(1, dayKeys.length);
  const step = Math.max(1, Math.ceil((LABEL_SIZE * 4) / slot));
  // "03.12" is about 75 px wide at 24 px: its centre stays that half away from the edges
  const half = LABEL_SIZE * 1.6;
  const out: string[] = [];
  let previous = Infinity;
  for (let i = dayKeys.length - 1; i >= 0; i -= step) {
    const centre = Math.min(Math.max(x + i * slot + slot / 2, x + half), x + width - half);
    if (previous - centre < half * 2.4) continue;
    previous = centre;
    out.push(
      text(centre, y, shortDate(dayKeys[i] as string), {
        size: LABEL_SIZE,
        anchor: 'middle',
        fill: COLORS.muted,
      }),
    );
  }
  return out;
}
