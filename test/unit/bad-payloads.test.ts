import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersOrSkipped } from '#src/marketplaces/malformed.js';
import { orderSchema, type Order } from '#src/marketplaces/port.js';
import { promOrderSchema } from '#src/marketplaces/prom/schemas.js';
import { promOrderToDomain } from '#src/marketplaces/prom/to-domain.js';
import { parseOrder as parseRozetkaOrder } from '#src/marketplaces/rozetka/orders.js';
import { createPromMarketplace } from '#src/marketplaces/prom/adapter.js';
import { statusOk } from '#src/sandbox/fake-prom/http.js';
import { renderChatMessage } from '#src/sandbox/fake-prom/routes-messages.js';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
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
let prom: FakeProm;
beforeAll(async () => {
  rozetka = await startFakeRozetka({ seed: 32 });
  prom = await startFakeProm({ seed: 33 });
});
afterAll(async () => {
  await rozetka?.close();
  await prom?.close();
});

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
        const skipped = lines.filter((line) => line.includes('skipped a malformed'));
        expect(orders.length + skipped.length).toBe(3);
        for (const line of skipped) expect(JSON.parse(line).reason).toEqual(expect.any(String));
      }),
      RUNS,
    );
  });
});

describe('What bad input gets: a Prom chat page', () => {
  it('a mangled buyer message is read or skipped with a logged reason; the rest of its page is read', async () => {
    const { logger, lines } = memoryLogger('warn');
    const adapter = createPromMarketplace({
      baseUrl: prom.url,
      token: FAKE_PROM_TOKEN,
      logger,
      httpOptions: { retries: 0, minIntervalMs: 0, timeoutMs: 2000 },
    });
    const fixtures = new FakePromState(createRandom(34), () => new Date());
    const chatMessage = () => {
      const message = fixtures.addChatMessage();
      return renderChatMessage(message, fixtures.rooms.get(message.roomIdent) as never) as Record<
        string,
        unknown
      >;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(payloadEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const good = [chatMessage(), chatMessage()];
        const bad = mangle(chatMessage(), edits);
        prom.overrideNext('/chat/messages_history', statusOk({ messages: [good[0], bad, good[1]] }));
        const seen = lines.length;
        const messages = await adapter.listNewMessages(null);
        const ids = messages.map((m) => m.marketplaceMessageId);
        for (const message of good) expect(ids).toContain(`chat-${String(message.id)}`);
        const skipped = lines.slice(seen).filter((line) => line.includes('skipped a malformed'));
        expect(messages.length + skipped.length).toBeGreaterThanOrEqual(2);
        expect(messages.length + skipped.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 40, seed: 20261123 },
    );
  });
});
