import { describe, expect, it } from 'vitest';
import { localMinutes } from '#src/services/clock-window.js';
import { isQuietAt, lastQuietWindow, quietWindowOf } from '#src/services/quiet-hours.js';

const KYIV = 'Europe/Kyiv';
// 23 Nov 2026 is winter time in Kyiv: UTC+2
const kyiv = (hhmm: string, day = 23) => new Date(`2026-11-${day}T${hhmm}:00+02:00`);

describe('S7 quiet windows', () => {
  it('reads the local time of day in the shop time zone', () => {
    expect(localMinutes(kyiv('00:05'), KYIV)).toBe(5);
    expect(localMinutes(kyiv('23:59'), KYIV)).toBe(23 * 60 + 59);
  });

  it('knows a window that runs over midnight', () => {
    const night = { from: '22:00', to: '08:00' };
    expect(isQuietAt(night, kyiv('21:59'), KYIV)).toBe(false);
    expect(isQuietAt(night, kyiv('22:00'), KYIV)).toBe(true);
    expect(isQuietAt(night, kyiv('03:00'), KYIV)).toBe(true);
    expect(isQuietAt(night, kyiv('07:59'), KYIV)).toBe(true);
    expect(isQuietAt(night, kyiv('08:00'), KYIV)).toBe(false);
  });

  it('knows a window within one day', () => {
    const lunch = { from: '13:00', to: '14:00' };
    expect(isQuietAt(lunch, kyiv('12:59'), KYIV)).toBe(false);
    expect(isQuietAt(lunch, kyiv('13:30'), KYIV)).toBe(true);
    expect(isQuietAt(lunch, kyiv('14:00'), KYIV)).toBe(false);
  });

  it('finds the last complete window, for the morning digest', () => {
    const night = { from: '22:00', to: '08:00' };
    expect(lastQuietWindow(night, kyiv('08:00'), KYIV)).toEqual({
      start: kyiv('22:00', 22),
      end: kyiv('08:00'),
    });
    expect(lastQuietWindow(night, kyiv('09:15'), KYIV).end).toEqual(kyiv('08:00'));
    expect(lastQuietWindow(night, kyiv('07:00'), KYIV).end).toEqual(kyiv('08:00', 22));
  });

  it('treats a missing, equal or malformed pair as no window', () => {
    expect(quietWindowOf({ quietFrom: null, quietTo: '08:00' })).toBeNull();
    expect(quietWindowOf({ quietFrom: '08:00', quietTo: '08:00' })).toBeNull();
    expect(quietWindowOf({ quietFrom: '8:00', quietTo: '09:00' })).toBeNull();
    expect(quietWindowOf({ quietFrom: '22:00', quietTo: '08:00' })).toEqual({ from: '22:00', to: '08:00' });
  });
});
