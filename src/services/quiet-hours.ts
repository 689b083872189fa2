/**
 * S7: quiet windows as "HH:MM" pairs in the shop's time zone. A window may run over
 * midnight (22:00–08:00); from = to means no window.
 */
export interface QuietWindow {
  from: string;
  to: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MINUTES = 24 * 60;

export const isTimeOfDay = (value: string) => HHMM.test(value);

function minutesOf(hhmm: string): number {
  const match = HHMM.exec(hhmm);
  if (!match) throw new Error(`not a time of day: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** minutes since local midnight of `date` in `timeZone` */
export function localMinutes(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/** The window of a record that has both ends set, else null. */
export function quietWindowOf(record: {
  quietFrom?: string | null;
  quietTo?: string | null;
}): QuietWindow | null {
  const { quietFrom, quietTo } = record;
  if (!quietFrom || !quietTo || quietFrom === quietTo) return null;
  if (!isTimeOfDay(quietFrom) || !isTimeOfDay(quietTo)) return null;
  return { from: quietFrom, to: quietTo };
}

export function isQuietAt(window: QuietWindow, now: Date, timeZone: string): boolean {
  const minute = localMinutes(now, timeZone);
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/**
 * The most recent complete window at `now`: its start and its end (the last time the clock
 * showed `to`). Counted in minutes back from now, so a DST change shifts it by an hour twice
 * a year at most.
 */
export function lastQuietWindow(
  window: QuietWindow,
  now: Date,
  timeZone: string,
): { start: Date; end: Date } {
  const minute = localMinutes(now, timeZone);
  const sinceEnd = (minute - minutesOf(window.to) + DAY_MINUTES) % DAY_MINUTES;
  const length = (minutesOf(window.to) - minutesOf(window.from) + DAY_MINUTES) % DAY_MINUTES;
  const thisMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  const end = new Date(thisMinute - sinceEnd * 60_000);
  return { start: new Date(end.getTime() - length * 60_000), end };
}
