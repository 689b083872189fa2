/** How the real Prom writes money and dates in its answers. */

export const NBSP = '\u00a0';
export const NARROW_NBSP = '\u202f';

/** 171300 → "1 713 грн", 123450 → "1 234,50 грн" (thousands grouped with `separator`). */
export function formatMoney(kopiyky: number, separator = NBSP): string {
  const whole = Math.trunc(Math.abs(kopiyky) / 100);
  const cents = Math.abs(kopiyky) % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  const sign = kopiyky < 0 ? '-' : '';
  return `${sign}${grouped}${cents ? `,${String(cents).padStart(2, '0')}` : ''} грн`;
}

/** 8565 → "85.65": commission amounts come as plain decimal strings. */
export const formatDecimal = (kopiyky: number) =>
  `${Math.trunc(kopiyky / 100)}.${String(Math.abs(kopiyky) % 100).padStart(2, '0')}`;

export type ResponseDateStyle = 'offset' | 'naive';

/** "2026-09-30T10:15:04.523118+00:00" (official examples) or "2026-09-30T10:15:04" (seen in fixtures). */
export function formatResponseDate(date: Date, style: ResponseDateStyle): string {
  const seconds = date.toISOString().slice(0, 19);
  if (style === 'naive') return seconds;
  return `${seconds}.${String(date.getUTCMilliseconds()).padStart(3, '0')}000+00:00`;
}

/** Chat dates carry no offset in the official examples. */
export const formatChatDate = (date: Date) => formatResponseDate(date, 'naive');

const QUERY_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Query dates: `YYYY-MM-DDTHH:MM:SS` UTC. A `toISOString()` value is "iso" (the real API silently
 * answered an empty list); anything else is "invalid".
 */
export function readQueryDate(value: string | null): Date | null | 'iso' | 'invalid' {
  if (value === null || value === '') return null;
  if (QUERY_DATE.test(value)) return new Date(`${value}Z`);
  if (ISO_LIKE.test(value)) return 'iso';
  return 'invalid';
}
