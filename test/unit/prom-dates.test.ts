import { describe, expect, it } from 'vitest';
import { formatPromDate, parsePromDate } from '#src/marketplaces/prom/dates.js';

describe('Prom query dates', () => {
  it('sends YYYY-MM-DDTHH:MM:SS in UTC, never toISOString()', () => {
    const date = new Date('2026-07-20T18:10:44.174Z');
    expect(formatPromDate(date)).toBe('2026-07-20T18:10:44');
    expect(formatPromDate(date)).not.toBe(date.toISOString());
  });

  it('pads single digits and converts from any offset to UTC', () => {
    expect(formatPromDate(new Date('2026-01-02T03:04:05+02:00'))).toBe('2026-01-02T01:04:05');
  });
});

describe('Prom response dates', () => {
  it.each([
    ['2026-09-30T10:15:04.523118+00:00', '2026-09-30T10:15:04.523Z'],
    ['2026-09-30T10:15:04+00:00', '2026-09-30T10:15:04.000Z'],
    ['2026-09-30T13:15:04+03:00', '2026-09-30T10:15:04.000Z'],
    ['2026-09-30T10:15:04+0000', '2026-09-30T10:15:04.000Z'],
    ['2026-09-30T10:15:04Z', '2026-09-30T10:15:04.000Z'],
    ['2026-01-15T10:30:00', '2026-01-15T10:30:00.000Z'],
    ['2026-01-15 10:30:00.5', '2026-01-15T10:30:00.500Z'],
    ['2026-01-15T10:30', '2026-01-15T10:30:00.000Z'],
    ['2026-01-15', '2026-01-15T00:00:00.000Z'],
  ])('%s → %s (no offset means UTC)', (input, expected) => {
    expect(parsePromDate(input)?.toISOString()).toBe(expected);
  });

  it.each([null, undefined, '', '30.09.2026', 'yesterday'])('%j → null', (input) => {
    expect(parsePromDate(input)).toBeNull();
  });

  it('round-trips what it sends', () => {
    const date = new Date('2026-03-04T05:06:07Z');
    expect(parsePromDate(formatPromDate(date))?.getTime()).toBe(date.getTime());
  });
});
