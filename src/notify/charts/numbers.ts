import type { Locale } from '#src/config/locales.js';

/** How the charts and their captions write numbers, in the reader's language. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

const NBSP = '\u00a0';

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1): a round top for an axis. */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export function formatCount(value: number, locale: Locale): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'uk' ? NBSP : ',');
}

/** Whole hryvnias: "12 345 грн" / "UAH 12,345". */
export function formatWholeMoney(kop: number, locale: Locale): string {
  const whole = formatCount(Math.round(kop / 100), locale);
  return locale === 'uk' ? `${whole}${NBSP}грн` : `UAH${NBSP}${whole}`;
}

/** A share of a whole: "8%", with one decimal under 10% ("3,3%" / "3.3%"); "—" of nothing. */
export function formatShare(part: number, whole: number, locale: Locale): string {
  if (whole <= 0) return '—';
  const percent = (part / whole) * 100;
  const shown = percent < 10 && percent > 0 ? percent.toFixed(1) : String(Math.round(percent));
  return `${locale === 'uk' ? shown.replace('.', ',') : shown}%`;
}

/** "14 хв", "2 год 05 хв", "3 д 4 год"; "—" when unknown. */
export function formatDuration(ms: number | null, t: Translate): string {
  if (ms === null) return '—';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return t('chart-minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('chart-hours', { hours, minutes: String(minutes % 60).padStart(2, '0') });
  return t('chart-days', { days: Math.floor(hours / 24), hours: hours % 24 });
}
