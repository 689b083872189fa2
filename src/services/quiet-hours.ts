import {
  DAY_MINUTES,
  inWindow,
  isTimeOfDay,
  localMinutes,
  minutesOfDay,
  type ClockWindow,
} from '#src/services/clock-window.js';

/** S7: a quiet window; from = to means none. */
export type QuietWindow = ClockWindow;

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

export const isQuietAt = (window: QuietWindow, now: Date, timeZone: string): boolean =>
  inWindow(localMinutes(now, timeZone), window);

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
  const sinceEnd = (minute - minutesOfDay(window.to) + DAY_MINUTES) % DAY_MINUTES;
  const length = (minutesOfDay(window.to) - minutesOfDay(window.from) + DAY_MINUTES) % DAY_MINUTES;
  const thisMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  const end = new Date(thisMinute - sinceEnd * 60_000);
  return { start: new Date(end.getTime() - length * 60_000), end };
}
