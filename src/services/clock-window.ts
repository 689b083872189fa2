/**
 * Daily windows given as "HH:MM" pairs in the shop's time zone: working hours (O5) and quiet
 * hours (S7). A window may run past midnight (22:00–07:00).
 */
import { wallClock } from '#src/time-zone.js';

/** "HH:MM" → minutes since local midnight */
export function minutesOfDay(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

export const isTimeOfDay = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** minutes since local midnight of `at` in `timeZone` */
export function localMinutes(at: Date, timeZone: string): number {
  const wall = wallClock(at, timeZone);
  return wall.hour * 60 + wall.minute;
}

export interface ClockWindow {
  from: string;
  to: string;
}

/** Whether a local time falls in [from, to); a window past midnight (22:00–07:00) wraps. */
export function inWindow(minutes: number, window: ClockWindow): boolean {
  const from = minutesOfDay(window.from);
  const to = minutesOfDay(window.to);
  if (from === to) return true;
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

export const DAY_MINUTES = 24 * 60;

/**
 * The first moment at or after `at` inside the window, in `timeZone`. Steps by the local
 * clock's distance to the opening until the local clock reads it, so a DST change in
 * between does not make the opening an hour early or late.
 */
export function firstMomentInWindow(at: Date, window: ClockWindow | null, timeZone: string): Date {
  if (!window || inWindow(localMinutes(at, timeZone), window)) return at;
  const opening = minutesOfDay(window.from);
  let moment = new Date(at.getTime() - (at.getTime() % 60_000));
  let forward = true;
  for (let step = 0; step < 4; step++) {
    const local = localMinutes(moment, timeZone);
    if (local === opening) return moment;
    const distance = (opening - local + DAY_MINUTES) % DAY_MINUTES;
    // the first step always goes forward; later ones correct by the smallest signed distance
    const shift = forward || distance <= DAY_MINUTES / 2 ? distance : distance - DAY_MINUTES;
    moment = new Date(moment.getTime() + shift * 60_000);
    forward = false;
  }
  return moment;
}
