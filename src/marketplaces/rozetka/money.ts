const DECIMAL_MONEY = /^(-?)(\d+)(?:[.,](\d*))?$/;

/**
 * Rozetka money ("640.00", "640,5", 640, 640.5) as integer kopiyky, exactly: strings are read
 * digit by digit so "0.29" never becomes 28.999... kopiyky. Null when it is not a number.
 */
export function moneyToKopiyky(value: string | number): number | null {
  // toPrecision drops binary noise first: 1.005 * 100 is 100.49999999999999
  if (typeof value === 'number') {
    return Number.isFinite(value) ? Math.round(Number((value * 100).toPrecision(15))) : null;
  }
  const match = DECIMAL_MONEY.exec(value.replace(/[\s\u00a0]/g, ''));
  if (!match) return null;
  const [, sign, hryvni = '0', fraction = ''] = match;
  const kopiyky = Number(hryvni) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  const roundsUp = Number(fraction[2] ?? '0') >= 5;
  const total = kopiyky + (roundsUp ? 1 : 0);
  return sign === '-' ? -total : total;
}
