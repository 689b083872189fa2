import { describe, expect, it } from 'vitest';
import { moneyToKopiyky } from '#src/marketplaces/rozetka/money.js';
import {
  idSchema,
  kopiykySchema,
  looseBooleanSchema,
  rawOrderSchema,
} from '#src/marketplaces/rozetka/schemas.js';

describe('Rozetka loose types', () => {
  it.each([
    ['640.00', 64000],
    ['1498.00', 149800],
    ['0.29', 29],
    ['0.1', 10],
    ['19.99', 1999],
    ['640', 64000],
    ['640,50', 64050],
    ['1 498.00', 149800],
    ['12.345', 1235],
    ['-5.10', -510],
    [45003, 4500300],
    [0.29, 29],
    [19.99, 1999],
    [1.005, 101],
  ] as const)('money %j is %i kopiyky', (value, kopiyky) => {
    expect(moneyToKopiyky(value)).toBe(kopiyky);
  });

  it.each(['', 'abc', '12.3.4', 'NaN'])('money %j is not a number', (value) => {
    expect(moneyToKopiyky(value)).toBeNull();
  });

  it('money schema refuses text that is not money', () => {
    expect(kopiykySchema.safeParse('дорого').success).toBe(false);
    expect(kopiykySchema.parse('749.00')).toBe(74900);
  });

  it('ids and booleans come in either type', () => {
    expect(idSchema.parse(123456789)).toBe('123456789');
    expect(idSchema.parse('123456789')).toBe('123456789');
    expect([1, '1', true, 'true'].map((value) => looseBooleanSchema.parse(value))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([0, '0', false, ''].map((value) => looseBooleanSchema.parse(value))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('an order with numbers as strings, empty ttn and null money still parses', () => {
    const order = rawOrderSchema.parse({
      id: '42',
      created: '2025-03-14 10:21:07',
      changed: '2025-03-14 10:21:09',
      amount: 640,
      cost_with_discount: '600.50',
      cost: null,
      status: '26',
      status_group: '1',
      ttn: '',
      user_phone: 380671112233,
      duplicate_order_id: null,
    });
    expect(order).toMatchObject({
      id: '42',
      amount: 64000,
      cost_with_discount: 60050,
      cost: null,
      status: 26,
      status_group: 1,
      ttn: null,
      user_phone: '380671112233',
    });
  });
});
