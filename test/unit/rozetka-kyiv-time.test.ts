import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatKyiv, parseKyiv } from '#src/marketplaces/rozetka/kyiv-time.js';

describe('Rozetka Kyiv local time', () => {
  it.each([
    ['2025-01-15 12:00:00', '2025-01-15T10:00:00.000Z'],
    ['2025-07-01 12:00:00', '2025-07-01T09:00:00.000Z'],
    ['2025-03-14 10:21:07', '2025-03-14T08:21:07.000Z'],
    // the last winter minute before and the first summer hour after 30 March 2025, 03:00 → 04:00
    ['2025-03-30 02:59:59', '2025-03-30T00:59:59.000Z'],
    ['2025-03-30 04:00:00', '2025-03-30T01:00:00.000Z'],
    // 26 October 2025, 04:00 → 03:00: the first minute after the repeated hour is winter time
    ['2025-10-26 04:00:00', '2025-10-26T02:00:00.000Z'],
    ['2025-12-31 23:59:59', '2025-12-31T21:59:59.000Z'],
    ['2025-06-01', '2025-05-31T21:00:00.000Z'],
    ['2025-06-01T08:30:00', '2025-06-01T05:30:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseKyiv(text)?.toISOString()).toBe(iso);
  });

  it('takes the earlier instant in the autumn hour that happens twice', () => {
    expect(parseKyiv('2025-10-26 03:30:00')?.toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(formatKyiv(new Date('2025-10-26T00:30:00Z'))).toBe('2025-10-26 03:30:00');
    expect(formatKyiv(new Date('2025-10-26T01:30:00Z'))).toBe('2025-10-26 03:30:00');
  });

  it('reads a time inside the spring gap with the winter offset', () => {
    expect(parseKyiv('2025-03-30 03:30:00')?.toISOString()).toBe('2025-03-30T01:30:00.000Z');
  });

  it('formats instants as Kyiv wall-clock text across DST', () => {
    expect(formatKyiv(new Date('2025-01-15T10:00:00Z'))).toBe('2025-01-15 12:00:00');
    expect(formatKyiv(new Date('2025-07-01T21:05:09Z'))).toBe('2025-07-02 00:05:09');
  });

  it('keeps explicit zones and rejects rubbish', () => {
    expect(parseKyiv('2025-07-01T12:00:00Z')?.toISOString()).toBe('2025-07-01T12:00:00.000Z');
    expect(parseKyiv('2025-07-01T12:00:00+03:00')?.toISOString()).toBe('2025-07-01T09:00:00.000Z');
    expect(parseKyiv('yesterday')).toBeNull();
    expect(parseKyiv('')).toBeNull();
  });

  it('round-trips every second of 2020–2030 (earliest instant for repeated hours)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }),
        (seconds) => {
          const instant = new Date(seconds * 1000);
          const text = formatKyiv(instant);
          const parsed = parseKyiv(text);
          expect(parsed).not.toBeNull();
          expect(formatKyiv(parsed as Date)).toBe(text);
          expect((parsed as Date).getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime() - (parsed as Date).getTime()).toBeLessThanOrEqual(3_600_000);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
