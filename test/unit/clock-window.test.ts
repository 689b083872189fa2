import { describe, expect, it } from 'vitest';
import { firstMomentInWindow, inWindow, localMinutes } from '#src/services/clock-window.js';

const KYIV = 'Europe/Kyiv';
const DAY = { from: '09:00', to: '18:00' };
const NIGHT = { from: '22:00', to: '07:00' };

describe('working hours in the shop timezone', () => {
  it('reads Kyiv local time, summer and winter', () => {
    expect(localMinutes(new Date('2026-07-01T06:30:00Z'), KYIV)).toBe(9 * 60 + 30);
    expect(localMinutes(new Date('2026-12-01T06:30:00Z'), KYIV)).toBe(8 * 60 + 30);
  });

  it('treats a window past midnight as wrapping', () => {
    expect(inWindow(23 * 60, NIGHT)).toBe(true);
    expect(inWindow(6 * 60 + 59, NIGHT)).toBe(true);
    expect(inWindow(7 * 60, NIGHT)).toBe(false);
    expect(inWindow(12 * 60, DAY)).toBe(true);
    expect(inWindow(18 * 60, DAY)).toBe(false);
  });

  it('keeps a moment already inside the window', () => {
    const at = new Date('2026-12-01T10:00:00Z'); // 12:00 Kyiv
    expect(firstMomentInWindow(at, DAY, KYIV)).toEqual(at);
    expect(firstMomentInWindow(at, null, KYIV)).toEqual(at);
  });

  it('moves an evening moment to the next morning opening', () => {
    const at = new Date('2026-12-01T17:20:00Z'); // 19:20 Kyiv
    expect(firstMomentInWindow(at, DAY, KYIV).toISOString()).toBe('2026-12-02T07:00:00.000Z');
  });

  it('moves an early moment to the same morning and a day moment into a night window', () => {
    expect(firstMomentInWindow(new Date('2026-12-01T04:00:00Z'), DAY, KYIV).toISOString()).toBe(
      '2026-12-01T07:00:00.000Z',
    );
    expect(firstMomentInWindow(new Date('2026-12-01T10:00:00Z'), NIGHT, KYIV).toISOString()).toBe(
      '2026-12-01T20:00:00.000Z',
    );
  });

  it('lands on the local opening hour across the spring DST change', () => {
    // 28 March 2026 19:00 Kyiv (UTC+2); clocks go to UTC+3 overnight, 09:00 is then 06:00Z
    const at = new Date('2026-03-28T17:00:00Z');
    expect(firstMomentInWindow(at, DAY, KYIV).toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });
});
