/**
 * Prom query dates must look like `2026-07-20T18:10:44` (UTC, no milliseconds, no zone):
 * `toISOString()` output makes /orders/list silently return nothing. Responses are parsed
 * leniently: microseconds, `Z`, `+00:00` or no offset at all (read as UTC).
 */

const pad = (value: number) => String(value).padStart(2, '0');

export function formatPromDate(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

const RESPONSE_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

export function parsePromDate(value: string | null | undefined): Date | null {
  const match = RESPONSE_DATE.exec(value?.trim() ?? '');
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds, fraction, zone] = match;
  const millis = Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hours ?? 0),
    Number(minutes ?? 0),
    Number(seconds ?? 0),
    millis,
  );
  const date = new Date(utc - offsetMinutes(zone) * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}
