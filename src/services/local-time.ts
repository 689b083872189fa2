/**
 * Calendar days in the shop's time zone (config TZ, Europe/Kyiv by default): reports and the
 * daily summary count "today" as the shop sees it, DST included.
 */
import { wallClock, zoneOffsetMs } from '#src/time-zone.js';
/** The instant of local midnight starting the day `days` after the local day of `instant`. */
export function localDayStart(instant: Date, timeZone: string, days = 0): Date {
  const wall = wallClock(instant, timeZone);
  const midnightAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day + days);
  // the offset at midnight itself (it differs from now's on DST days)
  const guess = new Date(midnightAsUtc - zoneOffsetMs(new Date(midnightAsUtc), timeZone));
  return new Date(midnightAsUtc - zoneOffsetMs(guess, timeZone));
}

/** "2026-11-23" for the local day of an instant. */
export function localDateKey(instant: Date, timeZone: string): string {
  const wall = wallClock(instant, timeZone);
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

export interface Period {
  from: Date;
  to: Date;
}

export const reportPeriods = ['today', 'yesterday', 'week', 'month'] as const;
export type ReportPeriod = (typeof reportPeriods)[number];

/** [from, to) of a named period, in the shop's days. */
export function periodRange(period: ReportPeriod, now: Date, timeZone: string): Period {
  const tomorrow = localDayStart(now, timeZone, 1);
  switch (period) {
    case 'today':
      return { from: localDayStart(now, timeZone), to: tomorrow };
    case 'yesterday':
      return { from: localDayStart(now, timeZone, -1), to: localDayStart(now, timeZone) };
    case 'week':
      return { from: localDayStart(now, timeZone, -6), to: tomorrow };
    case 'month': {
      const dayOfMonth = wallClock(now, timeZone).day;
      return { from: localDayStart(now, timeZone, 1 - dayOfMonth), to: tomorrow };
    }
  }
}

/**
 * A Date whose UTC fields show the local wall clock: XLSX has no time zones, and exceljs
 * writes a Date's UTC value, so this is how a cell shows the shop's local time.
 */
export function asLocalWallClock(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
}
