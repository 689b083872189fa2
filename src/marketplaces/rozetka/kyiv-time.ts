/**
 * Rozetka writes and reads naive "YYYY-MM-DD HH:MM:SS" times in Kyiv local time (spec §7,
 * UNCONFIRMED but near-certain), so every conversion goes through Europe/Kyiv including DST.
 */
import { wallClock, zoneOffsetMs } from '#src/time-zone.js';

const KYIV_TIME_ZONE = 'Europe/Kyiv';
const DAY_MS = 86_400_000;

/** Kyiv's wall clock at an instant, written as if it were UTC */
function kyivWallClockMs(utcMs: number): number {
  const wall = wallClock(new Date(utcMs), KYIV_TIME_ZONE);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Kyiv offset from UTC in ms at an instant (+2 h in winter, +3 h in summer). */
function kyivOffsetMs(utcMs: number): number {
  return zoneOffsetMs(new Date(utcMs), KYIV_TIME_ZONE);
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** An instant as Rozetka's Kyiv wall-clock text, e.g. "2025-03-14 10:21:07". */
export function formatKyiv(date: Date): string {
  const wall = new Date(kyivWallClockMs(date.getTime()));
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
    `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`
  );
}

const NAIVE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;

/**
 * Rozetka's Kyiv wall-clock text as an instant. In the autumn hour that happens twice the
 * earlier instant wins (a watermark must never skip); a spring-gap time is read with the
 * winter offset. Text with an explicit zone is taken as it is; anything else gives null.
 */
export function parseKyiv(text: string): Date | null {
  const trimmed = text.trim();
  const match = NAIVE_TIME.exec(trimmed);
  if (!match) {
    if (!/(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) return null;
    const zoned = Date.parse(trimmed);
    return Number.isNaN(zoned) ? null : new Date(zoned);
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const wallMs = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  if (Number.isNaN(wallMs)) return null;
  const candidates = [kyivOffsetMs(wallMs - DAY_MS), kyivOffsetMs(wallMs + DAY_MS)]
    .map((offsetMs) => wallMs - offsetMs)
    .filter((utcMs) => kyivWallClockMs(utcMs) === wallMs);
  if (candidates.length === 0) return new Date(wallMs - kyivOffsetMs(wallMs - DAY_MS));
  return new Date(Math.min(...candidates));
}
