/**
 * Calendar days in the shop's time zone (config TZ, Europe/Kyiv by default): reports and the
 * daily summary count "today" as the shop sees it, DST included.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in ms. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const wall = wallClock(new Date(Math.floor(instant.getTime() / 1000) * 1000), timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

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
