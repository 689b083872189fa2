/**
 * Prom sends order money as display strings ("1 713 грн", "1 234,50 грн", NBSP or narrow NBSP as
 * thousands separators) and product prices as numbers. Everything becomes integer kopiyky, computed
 * from the digits so that no float ever touches the amount.
 */

const MINUS_SIGNS = /^[-\u2212]/;
const NOT_NUMERIC = /[^\d.,]/g;

function splitAmount(cleaned: string): { whole: string; fraction: string } {
  const lastComma = cleaned.lastIndexOf(',');
  const lastDot = cleaned.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimalAt = Math.max(lastComma, lastDot);
    return {
      whole: cleaned.slice(0, decimalAt).replace(/[.,]/g, ''),
      fraction: cleaned.slice(decimalAt + 1),
    };
  }
  const separator = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : null;
  if (separator === null) return { whole: cleaned, fraction: '' };
  const parts = cleaned.split(separator);
  const tail = parts.at(-1) ?? '';
  // One separator followed by 1-2 digits is a decimal mark; "1,713" or "1.234.567" group thousands.
  if (parts.length === 2 && tail.length <= 2) return { whole: parts[0] ?? '', fraction: tail };
  return { whole: parts.join(''), fraction: '' };
}

/** Integer kopiyky, or null when the value carries no amount at all. */
export function parsePromMoney(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  // A two-decimal number times 100 is within 1e-6 of an integer, so rounding is exact.
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 100) : null;
  const source = value.trim();
  const negative = MINUS_SIGNS.test(source);
  const cleaned = source.replace(NOT_NUMERIC, '').replace(/^[.,]+|[.,]+$/g, '');
  if (!/\d/.test(cleaned)) return null;
  const { whole, fraction } = splitAmount(cleaned);
  const cents =
    fraction.length <= 2 ? Number(fraction.padEnd(2, '0')) : Math.round(Number(`0.${fraction}`) * 100);
  const kopiyky = Number(whole || '0') * 100 + cents;
  return negative ? -kopiyky : kopiyky;
}

/** "2", 2, "2 шт.", "1,5" → a number of units; defaults to 1 when the payload says nothing usable. */
export function parseQuantity(value: string | number | null | undefined): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 1;
  const match = /\d+(?:[.,]\d+)?/.exec(value ?? '');
  return match ? Number(match[0].replace(',', '.')) : 1;
}

const CURRENCY_MARKERS: [RegExp, string][] = [
  [/грн|₴|uah/i, 'UAH'],
  [/тг|₸|kzt/i, 'KZT'],
  [/лей|mdl/i, 'MDL'],
  [/byn|бел/i, 'BYN'],
  [/руб|₽|rub/i, 'RUB'],
];

/** Orders carry no currency field; the display string is the only hint. */
export function currencyOf(value: string | number | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  return CURRENCY_MARKERS.find(([marker]) => marker.test(value))?.[1] ?? null;
}
