import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.js';
import { localDateKey, localDayStart, periodRange } from '#src/services/local-time.js';

const KYIV = 'Europe/Kyiv';

describe('P3/J4 days in the shop’s time zone', () => {
  it('starts a Kyiv day at local midnight in winter and in summer', () => {
    expect(localDayStart(new Date('2026-01-10T12:00:00Z'), KYIV).toISOString()).toBe(
      '2026-01-09T22:00:00.000Z',
    );
    expect(localDayStart(new Date('2026-07-10T12:00:00Z'), KYIV).toISOString()).toBe(
      '2026-07-09T21:00:00.000Z',
    );
  });

  it('counts the 23-hour spring-forward day and the evening that is already tomorrow in Kyiv', () => {
    const dstDay = new Date('2026-03-29T10:00:00Z');
    const hours =
      (localDayStart(dstDay, KYIV, 1).getTime() - localDayStart(dstDay, KYIV).getTime()) / 3_600_000;
    expect(hours).toBe(23);
    expect(localDateKey(new Date('2026-11-23T22:30:00Z'), KYIV)).toBe('2026-11-24');
  });

  it('gives the named report periods as [from, to)', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(periodRange('yesterday', now, KYIV)).toEqual({
      from: new Date('2026-11-21T22:00:00Z'),
      to: new Date('2026-11-22T22:00:00Z'),
    });
    expect(periodRange('week', now, KYIV).from).toEqual(new Date('2026-11-16T22:00:00Z'));
    expect(periodRange('month', now, KYIV)).toEqual({
      from: new Date('2026-10-31T22:00:00Z'),
      to: new Date('2026-11-23T22:00:00Z'),
    });
  });
});

describe('J4 DAILY_SUMMARY_HOUR', () => {
  const env = { BOT_TOKEN: '123456789:TEST-token-for-the-fake-telegram-api' };

  it('defaults to 20 and takes an hour from 0 to 23', () => {
    expect(loadConfig(env).dailySummaryHour).toBe(20);
    expect(loadConfig({ ...env, DAILY_SUMMARY_HOUR: '7' }).dailySummaryHour).toBe(7);
    expect(() => loadConfig({ ...env, DAILY_SUMMARY_HOUR: '24' })).toThrow(
      /DAILY_SUMMARY_HOUR: must be an hour from 0 to 23/,
    );
    expect(() => loadConfig({ ...env, DAILY_SUMMARY_HOUR: 'evening' })).toThrow(/DAILY_SUMMARY_HOUR/);
  });
});
