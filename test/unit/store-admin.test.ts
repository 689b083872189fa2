import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_MAX_BYTES } from '#src/bot/callback-data.js';
import {
  mappingPickCallback,
  mappingSetCallback,
  shopListCallback,
  storeMenuCallback,
} from '#src/bot/features/store-callbacks.js';
import { setOrderStageCallback } from '#src/notify/cards/stage-menu.js';
import { parseWorkingHours } from '#src/services/store-admin.js';

describe('S3 working hours', () => {
  it.each([
    ['09:00-18:00', { from: '09:00', to: '18:00' }],
    ['9:00 - 18:30', { from: '09:00', to: '18:30' }],
    ['22:00–06:00', { from: '22:00', to: '06:00' }],
  ])('reads %s', (text, range) => {
    expect(parseWorkingHours(text)).toEqual(range);
  });

  it.each(['25:00-18:00', '09:60-18:00', '09:00', '9-18', '10:00-10:00', ''])('refuses %s', (text) => {
    expect(parseWorkingHours(text)).toBeNull();
  });
});

describe('S2-S4 callback data', () => {
  const storeId = 'a'.repeat(24);
  const code = 'x'.repeat(24);

  it('keeps the longest payloads within 64 bytes and reads them back', () => {
    const payloads = [
      storeMenuCallback.pack({ a: 'it', id: storeId, v: code }),
      mappingPickCallback.pack({ k: 's', id: storeId, c: code }),
      mappingSetCallback.pack({ k: 'd', id: storeId, c: code, t: 'abcdef12' }),
      shopListCallback.pack({ l: 'c', a: 'd', i: 'abcdef12' }),
      setOrderStageCallback.pack({ orderId: storeId, version: 999_999_999, stage: 'abcdef12' }),
    ];
    for (const data of payloads) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(mappingSetCallback.unpack(payloads[2] as string)).toEqual({
      k: 'd',
      id: storeId,
      c: code,
      t: 'abcdef12',
    });
  });

  it('refuses forged shapes', () => {
    expect(storeMenuCallback.unpack(`sm:zz:${storeId}:`)).toBeNull();
    expect(storeMenuCallback.unpack('sm:op:not-an-id:')).toBeNull();
    expect(mappingSetCallback.unpack(`mx:s:${storeId}:a b:new`)).toBeNull();
    expect(mappingSetCallback.unpack(`mx:q:${storeId}:pending:new`)).toBeNull();
  });
});
