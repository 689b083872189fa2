import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatShare, niceCeiling } from '#src/notify/charts/numbers.js';
import { asciiJson, withTextChunk } from '#src/notify/charts/png-text.js';
import { SERIES_KEYWORD, renderChart } from '#src/notify/charts/render.js';
import { isAcceptMove, median } from '#src/services/charts/accept-time.js';
import { cancelReasonOf } from '#src/services/charts/cancel-reasons.js';
import { countedAs, summarize } from '#src/services/charts/day-summaries.js';
import { lastLocalDays } from '#src/services/charts/local-days.js';
import { acceptedAfter, orderDayRow } from '#src/services/charts/order-day-rows.js';
import { formatWeekChange, weekChange } from '#src/services/charts/week-change.js';
import { readPng } from '#test/harness/png.js';

const KYIV = 'Europe/Kyiv';

describe('J6 median time to accept', () => {
  it('takes the middle value, the mean of the two middle ones for an even count, none of nothing', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it('counts as the accept a move from a waiting status into work, not the first sighting or a cancel', () => {
    expect(isAcceptMove('prom', 'pending', 'received')).toBe(true);
    expect(isAcceptMove('prom', 'paid', 'delivered')).toBe(true);
    expect(isAcceptMove('prom', null, 'received')).toBe(false);
    expect(isAcceptMove('prom', 'pending', 'canceled')).toBe(false);
    expect(isAcceptMove('prom', 'received', 'delivered')).toBe(false);
    expect(isAcceptMove('rozetka', '1', '26')).toBe(true);
    expect(isAcceptMove('rozetka', '7', '2')).toBe(true);
    expect(isAcceptMove('rozetka', '1', '18')).toBe(false);
    expect(isAcceptMove('rozetka', '26', '2')).toBe(false);
  });

  it('writes a duration in minutes, hours or days', () => {
    const t = (key: string, vars?: Record<string, string | number>) => `${key}:${JSON.stringify(vars)}`;
    expect(formatDuration(14 * 60_000 + 20_000, t)).toBe('chart-minutes:{"minutes":14}');
    expect(formatDuration(125 * 60_000, t)).toBe('chart-hours:{"hours":2,"minutes":"05"}');
    expect(formatDuration(27 * 3_600_000, t)).toBe('chart-days:{"days":1,"hours":3}');
    expect(formatDuration(null, t)).toBe('—');
  });
});

describe('J4 change against the same weekday last week', () => {
  it('gives the difference and its share of last week, and no share when last week had none', () => {
    expect(weekChange(8, 12)).toEqual({ before: 8, now: 12, delta: 4, percent: 50 });
    expect(formatWeekChange(weekChange(8, 12))).toBe('+4 (+50%)');
    expect(formatWeekChange(weekChange(20, 17))).toBe('\u22123 (\u221215%)');
    expect(formatWeekChange(weekChange(5, 5))).toBe('0 (0%)');
    expect(formatWeekChange(weekChange(0, 5))).toBe('+5');
    expect(weekChange(3, 1).percent).toBe(-67);
  });
});

describe('J4/J6 days and hours in the shop’s time zone', () => {
  it('puts the 14 days end to end across the spring DST change, today last', () => {
    const days = lastLocalDays(new Date('2026-03-30T17:00:00Z'), KYIV, 14);
    expect(days.keys[0]).toBe('2026-03-17');
    expect(days.keys[13]).toBe('2026-03-30');
    expect(days.bounds[0]?.toISOString()).toBe('2026-03-16T22:00:00.000Z');
    expect(days.bounds[14]?.toISOString()).toBe('2026-03-30T21:00:00.000Z');
    // 29 March has 23 hours in Kyiv
    const dst = (days.bounds[13]!.getTime() - days.bounds[12]!.getTime()) / 3_600_000;
    expect(dst).toBe(23);
  });

  it('files an order under the local day and hour it was placed at, not UTC’s', () => {
    const days = lastLocalDays(new Date('2026-03-30T17:00:00Z'), KYIV, 14);
    const placed = (iso: string) => {
      const row = orderDayRow(
        {
          _id: new Types.ObjectId(),
          storeId: new Types.ObjectId(),
          marketplace: 'prom',
          status: 'pending',
          statusGroup: 'new',
          placedAt: new Date(iso),
          totalKop: 100,
        },
        KYIV,
        null,
      );
      return { day: days.keys.indexOf(row.day), hour: row.hour };
    };
    // 00:30 in Kyiv (UTC+3 since the 29th) is still the 29th in UTC
    expect(placed('2026-03-29T21:30:00Z')).toEqual({ day: 13, hour: 0 });
    // 23:30 on the 28th in Kyiv (UTC+2 then)
    expect(placed('2026-03-28T21:30:00Z')).toEqual({ day: 11, hour: 23 });
    expect(placed('2026-03-16T21:59:59Z').day).toBe(-1);
    expect(placed('2026-03-30T21:00:00Z').day).toBe(-1);
    expect(placed('2026-03-16T22:00:00Z')).toEqual({ day: 0, hour: 0 });
  });

  it('times the accept from the earliest recorded move into work, none when first seen accepted', () => {
    const order = { marketplace: 'prom' as const, placedAt: new Date('2026-03-30T10:00:00Z') };
    const at = (minutes: number) => new Date(order.placedAt.getTime() + minutes * 60_000);
    const moves = [
      { from: null, to: 'pending', at: at(0) },
      { from: 'pending', to: 'received', at: at(30) },
      // a retried sync recorded the same move again later
      { from: 'pending', to: 'received', at: at(45) },
    ];
    expect(acceptedAfter(order, moves)).toBe(30 * 60_000);
    expect(acceptedAfter(order, [{ from: null, to: 'received', at: at(600) }])).toBeNull();
  });
});

describe('J4/J6 a day’s summary', () => {
  const coffee = new Types.ObjectId();
  const tea = new Types.ObjectId();
  const row = (storeId: Types.ObjectId, hour: number, extra: Record<string, unknown> = {}) => ({
    storeId,
    hour,
    statusGroup: 'processing',
    totalKop: 1_000,
    cancelReason: null,
    acceptedAfterMs: null,
    autoAccepted: false,
    ...extra,
  });

  it('counts each store’s orders, cancels by reason, revenue of the rest, hours and accept times', () => {
    const summary = summarize([
      row(coffee, 9, { acceptedAfterMs: 60_000, autoAccepted: true }),
      row(coffee, 9, { statusGroup: 'cancelled', cancelReason: 'Немає в наявності' }),
      row(coffee, 23, { statusGroup: 'cancelled' }),
      row(tea, 0, { totalKop: 2_500, acceptedAfterMs: 0 }),
    ]);
    const hours = (filled: Record<number, number>) =>
      Array.from({ length: 24 }, (_, hour) => filled[hour] ?? 0);
    expect(summary).toEqual({
      [coffee.toHexString()]: {
        orders: 3,
        cancelled: 2,
        revenueKop: 1_000,
        autoAccepted: 1,
        hours: hours({ 9: 2, 23: 1 }),
        reasons: [
          ['Немає в наявності', 1],
          [null, 1],
        ],
        acceptMs: [60_000],
      },
      [tea.toHexString()]: {
        orders: 1,
        cancelled: 0,
        revenueKop: 2_500,
        autoAccepted: 0,
        hours: hours({ 0: 1 }),
        reasons: [],
        acceptMs: [0],
      },
    });
    // the summary is saved as a JSON string and read back the same
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('counts a delivered order as it counted it in work, a cancelled one apart', () => {
    expect(countedAs(row(coffee, 9, { statusGroup: 'done' }))).toBe(countedAs(row(coffee, 9)));
    expect(countedAs(row(coffee, 9, { statusGroup: 'cancelled' }))).not.toBe(countedAs(row(coffee, 9)));
    expect(countedAs(row(coffee, 9, { acceptedAfterMs: 1 }))).not.toBe(countedAs(row(coffee, 9)));
  });
});

describe('J6 why an order was cancelled', () => {
  it('prefers the reason chosen in Telegram, then Rozetka’s status, then the title Prom sent', () => {
    const cancelled = [{ action: 'cancel', detail: 'not_available' }];
    expect(cancelReasonOf({ marketplace: 'prom', status: 'canceled', audit: cancelled })).toBe(
      'Немає в наявності',
    );
    expect(cancelReasonOf({ marketplace: 'rozetka', status: '40' })).toBe('Скасування. Клієнт передумав');
    const rawJson = JSON.stringify({ cancellation: { title: 'Покупець передумав', initiator: 'buyer' } });
    expect(cancelReasonOf({ marketplace: 'prom', status: 'canceled', data: { rawJson } })).toBe(
      'Покупець передумав',
    );
    expect(cancelReasonOf({ marketplace: 'prom', status: 'canceled', data: { rawJson: '{}' } })).toBeNull();
    expect(
      cancelReasonOf({ marketplace: 'prom', status: 'canceled', data: { rawJson: 'not json' } }),
    ).toBeNull();
  });
});

describe('J4/J6 pictures carry their series', () => {
  it('rounds an axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 180, 4_999].map(niceCeiling)).toEqual([1, 1, 5, 10, 10, 20, 200, 5_000]);
  });

  it('writes a share with one decimal under ten percent, in the reader’s notation', () => {
    expect(formatShare(1, 30, 'uk')).toBe('3,3%');
    expect(formatShare(1, 30, 'en')).toBe('3.3%');
    expect(formatShare(12, 40, 'uk')).toBe('30%');
    expect(formatShare(0, 40, 'uk')).toBe('0%');
    expect(formatShare(0, 0, 'uk')).toBe('—');
  });

  it('puts the series in a tEXt chunk a PNG reader finds, in ASCII, without changing the image', async () => {
    const series = { store: 'Магазин «Б»', orders: [1, 2, 3] };
    const chart = await renderChart(
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><text x="10" y="50" font-size="24">Тест</text></svg>',
      series,
    );
    const png = readPng(chart.png);
    expect(png).toMatchObject({ width: 300, height: 200 });
    expect(JSON.parse(png.texts[SERIES_KEYWORD]!)).toEqual(series);
    expect(asciiJson(series)).toMatch(/^[\x20-\x7e]+$/);
    expect(() => withTextChunk(chart.png, 'bad\u0000key', 'x')).toThrow();
  });
});
