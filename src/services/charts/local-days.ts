import { localDateKey, localDayStart } from '#src/services/local-time.js';
import { wallClock } from '#src/time-zone.js';

/**
 * The last `count` days of the shop (config TZ), today last: their keys ("2026-12-03") and the
 * count + 1 local midnights that bound them, so a 23- or 25-hour DST day is one day too.
 */
export interface LocalDays {
  keys: string[];
  /** bounds[i] is where day i starts; bounds[count] is tomorrow's midnight */
  bounds: Date[];
}

export function lastLocalDays(now: Date, timeZone: string, count: number): LocalDays {
  const bounds = Array.from({ length: count + 1 }, (_, i) => localDayStart(now, timeZone, i - count + 1));
  const keys = bounds.slice(0, count).map((start) => localDateKey(start, timeZone));
  return { keys, bounds };
}

/** The shop's wall-clock hour (0–23) of an instant. */
export const localHour = (instant: Date, timeZone: string): number => wallClock(instant, timeZone).hour;

/** "03.12" for a day key. */
export const shortDate = (dayKey: string): string => `${dayKey.slice(8, 10)}.${dayKey.slice(5, 7)}`;
