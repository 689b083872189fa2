import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersOrSkipped } from '#src/marketplaces/order-rows.js';
import { orderSchema, type Order } from '#src/marketplaces/port.js';
import { promOrderSchema } from '#src/marketplaces/prom/schemas.js';
import { promOrderToDomain } from '#src/marketplaces/prom/to-domain.js';
import { parseOrder as parseRozetkaOrder } from '#src/marketplaces/rozetka/orders.js';
import { FakePromState } from '#src/sandbox/fake-prom/state.js';
import { orderJson } from '#src/sandbox/fake-rozetka/order-routes.js';
import { startFakeRozetka, type FakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import { createRandom } from '#src/sandbox/random.js';
import { mangle, memoryLogger, payloadEdit } from '#test/harness/bad-input.js';

const RUNS = { numRuns: 150, seed: 20261123 };
const promContext = { cabinetUrl: 'https://my.prom.ua', defaultCurrency: 'UAH', now: new Date() };
const ROZETKA_EXPANDS = new Set([
  'user',
  'delivery',
  'purchases',
  'status_data',
  'payment',
  'status_available',
]);

const promState = new FakePromState(createRandom(31), () => new Date());
const promPayload = () =>
  promState.renderOrder(promState.addOrder(), 'offset') as unknown as Record<string, unknown>;
const fromProm = (raw: unknown) => promOrderToDomain(promOrderSchema.parse(raw), promContext);

let rozetka: FakeRozetka;
beforeAll(async () => {
  rozetka = await startFakeRozetka({ seed: 32 });
});
afterAll(() => rozetka?.close());

const rozetkaPayload = () => {
  const order = rozetka.addOrder();
  return orderJson(rozetka.state.orders.get(order.id) as never, ROZETKA_EXPANDS);
};
const fromRozetka = (raw: unknown) => parseRozetkaOrder(raw, 'https://seller.rozetka.com.ua');

describe.each([
  { marketplace: 'Prom', payload: promPayload, convert: fromProm },
  { marketplace: 'Rozetka', payload: rozetkaPayload, convert: fromRozetka },
])('What bad input gets: a $marketplace order page', ({ payload, convert }) => {
  it('the untouched fixtures convert into valid domain orders', () => {
    const orders = ordersOrSkipped([payload(), payload()], convert, undefined);
    expect(orders).toHaveLength(2);
  });

  it('a mangled order is converted into a valid order or skipped with a logged reason; its neighbours stay', () => {
    fc.assert(
      fc.property(fc.array(payloadEdit, { minLength: 1, maxLength: 4 }), (edits) => {
        const before = payload();
        const after = payload();
        const bad = mangle(payload(), edits);
        const { logger, lines } = memoryLogger('warn');
        let orders: Order[] = [];
        expect(() => (orders = ordersOrSkipped([before, bad, after], convert, logger))).not.toThrow();
        for (const order of orders) expect(orderSchema.safeParse(order).success).toBe(true);
        const ids = orders.map((o) => o.marketplaceOrderId);
        expect(ids).toContain(String(before.id));
        expect(ids).toContain(String(after.id));
        const skipped = lines.filter((line) => line.includes('skipped an order'));
        expect(orders.length + skipped.length).toBe(3);
        for (const line of skipped) expect(JSON.parse(line).reason).toEqual(expect.any(String));
      }),
      RUNS,
    );
  });
});
