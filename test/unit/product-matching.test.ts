import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { Product } from '#src/marketplaces/port.js';
import { matchPage } from '#src/services/product-import.js';

const product = (id: string, sku: string | null, name: string): Product => ({
  marketplaceProductId: id,
  sku,
  name,
  priceKop: 100,
  currency: 'UAH',
  quantity: 1,
  presence: 'available',
  group: null,
  imageUrl: null,
});

const stored = (id: string, sku: string | null, name: string, importRun: string | null = null) => ({
  _id: new Types.ObjectId(),
  marketplaceProductId: id,
  sku,
  name,
  importRun,
});

describe('P1 import matching: marketplace id, then SKU, then exact name', () => {
  it('prefers the id over a SKU or name that points at another record', () => {
    const byId = stored('10', 'A', 'Термос');
    const bySku = stored('99', 'B', 'Рюкзак');
    const [result] = matchPage([product('10', 'B', 'Рюкзак')], [bySku, byId], 'run');
    expect(result?.match).toBe(byId);
  });

  it('keeps a record for the product whose id it has, even when an earlier row shares its SKU', () => {
    const record = stored('10', 'OLD', 'Термос');
    const results = matchPage(
      [product('20', 'OLD', 'Інший'), product('10', 'NEW', 'Термос')],
      [record],
      'run',
    );
    expect(results.map((r) => r.match)).toEqual([null, record]);
  });

  it('falls back to the SKU, then to the exact name (not a similar one)', () => {
    const bySku = stored('old-1', 'SKU-7', 'Стара назва');
    const byName = stored('old-2', null, 'Ліхтарик налобний LED');
    const results = matchPage(
      [
        product('1', 'SKU-7', 'Нова назва'),
        product('2', null, 'Ліхтарик налобний LED'),
        product('3', null, 'ліхтарик налобний led'),
      ],
      [bySku, byName],
      'run',
    );
    expect(results.map((r) => r.match)).toEqual([bySku, byName, null]);
  });

  it('never lets two marketplace products share one record through a SKU or name collision', () => {
    const record = stored('old', 'DUP', 'Однакова назва');
    const results = matchPage(
      [product('1', 'DUP', 'Однакова назва'), product('2', 'DUP', 'Однакова назва')],
      [record],
      'run',
    );
    expect(results.map((r) => r.match)).toEqual([record, null]);
  });

  it('does not take by SKU a record an earlier page of the same run already claimed', () => {
    const claimed = stored('1', 'SKU-1', 'Термос', 'run');
    const [result] = matchPage([product('2', 'SKU-1', 'Термос')], [claimed], 'run');
    expect(result?.match).toBeNull();
    const [again] = matchPage([product('1', 'SKU-1', 'Термос')], [claimed], 'run');
    expect(again?.match).toBe(claimed);
  });

  it('takes the oldest of two records sharing a SKU (candidates arrive oldest first)', () => {
    const older = stored('a', 'S', 'x');
    const newer = stored('b', 'S', 'y');
    const [result] = matchPage([product('c', 'S', 'z')], [older, newer], 'run');
    expect(result?.match).toBe(older);
  });
});
