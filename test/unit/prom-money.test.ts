import { describe, expect, it } from 'vitest';
import { currencyOf, parsePromMoney, parseQuantity } from '#src/marketplaces/prom/money.js';

describe('Prom money strings → kopiyky', () => {
  it.each([
    ['1 713 грн', 171300],
    ['39 грн', 3900],
    ['1 234,50 грн', 123450],
    ['1\u00a0713\u00a0грн', 171300],
    ['1\u202f234,5 грн', 123450],
    ['12\u00a0345\u00a0678,99 грн', 1234567899],
    ['85.65', 8565],
    ['0,01 грн', 1],
    ['1,713 грн', 171300],
    ['1.234,56 грн', 123456],
    ['1,234.56 UAH', 123456],
    ['₴2 499', 249900],
    ['-150,00 грн', -15000],
    ['0 грн', 0],
  ])('%j → %i', (input, expected) => {
    expect(parsePromMoney(input)).toBe(expected);
  });

  it.each([
    [1713, 171300],
    [1713.0, 171300],
    [85.65, 8565],
    [0.1 + 0.2, 30],
    [19.99, 1999],
  ])('number %d → %i without float drift', (input, expected) => {
    expect(parsePromMoney(input)).toBe(expected);
  });

  it.each([null, undefined, '', 'грн', 'безкоштовно', Number.NaN])('%j → null', (input) => {
    expect(parsePromMoney(input)).toBeNull();
  });

  it('is exact for every amount from 0 to 10 000,00 written the Prom way', () => {
    for (let kop = 0; kop <= 1_000_000; kop += 7_919) {
      const whole = String(Math.trunc(kop / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
      const cents = kop % 100 ? `,${String(kop % 100).padStart(2, '0')}` : '';
      expect(parsePromMoney(`${whole}${cents} грн`)).toBe(kop);
    }
  });
});

describe('Prom quantities and currency', () => {
  it.each([
    [2, 2],
    ['2', 2],
    ['2 шт.', 2],
    ['1,5', 1.5],
    [null, 1],
    ['', 1],
  ])('quantity %j → %d', (input, expected) => {
    expect(parseQuantity(input)).toBe(expected);
  });

  it.each([
    ['1 713 грн', 'UAH'],
    ['₴ 39', 'UAH'],
    ['5 000 тг', 'KZT'],
    ['120 лей', 'MDL'],
    ['85.65', null],
    [1713, null],
  ])('currency of %j is %s', (input, expected) => {
    expect(currencyOf(input)).toBe(expected);
  });
});
