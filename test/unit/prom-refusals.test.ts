import { describe, expect, it } from 'vitest';
import type { MarketplaceError } from '#src/marketplaces/errors.js';
import {
  assertProcessed,
  refusalDetail,
  requireList,
  throwIfRefused,
} from '#src/marketplaces/prom/refusals.js';

const caught = (action: () => void) => {
  try {
    action();
  } catch (error) {
    return error as MarketplaceError;
  }
  throw new Error('expected a MarketplaceError');
};

describe('O3 status from Telegram — Prom refusal detection', () => {
  it.each([
    [{ error: 'This status value is not allowed' }, 'This status value is not allowed'],
    [{ errors: { error: 'Ожидается список товаров' } }, 'Ожидается список товаров'],
    [
      { errors: { '0': { id: ['Missing data for required field.'], group_id: ['Unknown field.'] } } },
      '0.id: Missing data for required field.; 0.group_id: Unknown field.',
    ],
    [{ processed_ids: [1], warning_message: 'Замовлення вже оплачено' }, 'Замовлення вже оплачено'],
    [{ status: 'error', message: 'Chat is disabled' }, 'Chat is disabled'],
  ])('%j is a refusal', (body, detail) => {
    expect(refusalDetail(body)).toBe(detail);
  });

  it.each([
    { processed_ids: [1] },
    { status: 'ok', data: {} },
    { errors: {} },
    { error: '' },
    { orders: [] },
  ])('%j is not a refusal', (body) => {
    expect(refusalDetail(body)).toBeNull();
  });

  it('counts a write only when the id is in processed_ids', () => {
    expect(() => assertProcessed({ processed_ids: [7] }, 7, 'accept')).not.toThrow();
    const empty = caught(() => assertProcessed({ processed_ids: [] }, 7, 'accept'));
    expect(empty.kind).toBe('refused');
    expect(empty.detail).toBe('{"processed_ids":[]}');
    expect(caught(() => assertProcessed({ processed_ids: [8] }, 7, 'accept')).kind).toBe('refused');
    expect(caught(() => assertProcessed({}, 7, 'accept')).kind).toBe('refused');
  });

  it('refuses a processed id that comes with a warning', () => {
    const error = caught(() =>
      assertProcessed({ processed_ids: [7], warning_message: 'увага' }, 7, 'cancel'),
    );
    expect(error.kind).toBe('refused');
    expect(error.detail).toBe('увага');
  });

  it('turns "not found" wording into not_found and anything else into refused', () => {
    expect(caught(() => throwIfRefused({ error: 'Order not found' }, 'read')).kind).toBe('not_found');
    expect(caught(() => throwIfRefused({ status: 'error', message: 'No such room_id' }, 'read')).kind).toBe(
      'not_found',
    );
    expect(caught(() => throwIfRefused({ error: 'Invalid status value: x' }, 'read')).kind).toBe('refused');
  });

  it('needs the list or an error in a list answer', () => {
    expect(requireList([1], {}, 'list')).toEqual([1]);
    expect(caught(() => requireList(undefined, {}, 'list')).kind).toBe('bad_response');
    expect(caught(() => requireList(undefined, { error: 'boom' }, 'list')).kind).toBe('refused');
  });
});
