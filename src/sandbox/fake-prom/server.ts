import { createFaultInjector, type FaultInjector } from '#src/sandbox/faults.js';
import {
  FakeRouter,
  startFakeServer,
  type FakeRequest,
  type FakeResponse,
} from '#src/sandbox/http-server.js';
import { defaultBehaviour, type FakePromBehaviour } from '#src/sandbox/fake-prom/behaviour.js';
import { CUSTOM_STATUS, STATUS_NAMES } from '#src/sandbox/fake-prom/catalog.js';
import { formatResponseDate } from '#src/sandbox/fake-prom/format.js';
import { API_PREFIX, htmlNotFound, json } from '#src/sandbox/fake-prom/http.js';
import { createRandom } from '#src/sandbox/random.js';
import { registerCatalogRoutes } from '#src/sandbox/fake-prom/routes-catalog.js';
import { registerOrderRoutes } from '#src/sandbox/fake-prom/routes-orders.js';
import { registerChatRoutes, registerLegacyMessageRoutes } from '#src/sandbox/fake-prom/routes-messages.js';
import {
  FakePromState,
  type NewChatMessage,
  type NewLegacyMessage,
  type RenderedFakeOrder,
} from '#src/sandbox/fake-prom/state.js';
import type {
  FakeChatMessage,
  FakeLegacyMessage,
  FakeOrder,
  FakeOrderJson,
  FakeProduct,
  FakeProductJson,
} from '#src/sandbox/fake-prom/types.js';

export const FAKE_PROM_TOKEN = 'fake-prom-token';

/** Token rights are granted per cabinet block; a call outside them is 403. */
export type PromBlock = 'orders' | 'products' | 'chat' | 'messages';

const BLOCK_OF_PATH: [RegExp, PromBlock][] = [
  [/^\/(orders|delivery|order_status_options|payment_options|delivery_options)\b/, 'orders'],
  [/^\/(products|groups)\b/, 'products'],
  [/^\/chat\b/, 'chat'],
  [/^\/messages\b/, 'messages'],
];

export interface RecordedCall {
  method: string;
  /** path under the API root, e.g. `/orders/list` */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** the X-LANGUAGE header */
  language: string | undefined;
  at: Date;
}

export interface StartFakePromOptions {
  port?: number;
  /** same seed, same shop */
  seed?: number;
  now?: () => Date;
  /** valid tokens; defaults to FAKE_PROM_TOKEN */
  tokens?: string[];
  behaviour?: Partial<FakePromBehaviour>;
  /** answer 429 (without Retry-After, as seen live) past this many requests in one second */
  burstLimitPerSecond?: number;
}

export interface FakeProm {
  /** API root to use as the adapter's baseUrl (ends with /api/v1) */
  url: string;
  faults: FaultInjector;
  calls: RecordedCall[];
  behaviour: FakePromBehaviour;
  /** valid tokens: delete one to make it "expired" */
  tokens: Set<string>;
  state: FakePromState;
  restrictToken(token: string, blocks: PromBlock[]): void;
  /** the next call to `path` (under the API root) gets this answer instead */
  overrideNext(path: string, response: FakeResponse): void;
  addOrder(patch?: Partial<FakeOrderJson>): RenderedFakeOrder;
  addOrders(count: number, patch?: Partial<FakeOrderJson>): RenderedFakeOrder[];
  updateOrder(id: number, patch: Partial<FakeOrderJson>): RenderedFakeOrder;
  /** Prom-payment: the buyer pays and the order leaves `pending` within seconds */
  payOrder(id: number): RenderedFakeOrder;
  getOrder(id: number): RenderedFakeOrder | undefined;
  addChatMessage(input?: NewChatMessage): FakeChatMessage;
  addLegacyMessage(input?: NewLegacyMessage): FakeLegacyMessage;
  addProduct(patch?: Partial<FakeProductJson>): FakeProduct;
  addProducts(count: number): FakeProduct[];
  /** sandbox activity: new orders (paid a few seconds later when Prom-paid) and buyer messages */
  startTraffic(options?: { everyMs?: number; paymentDelayMs?: number }): () => void;
  close(): Promise<void>;
}

export async function startFakeProm(options: StartFakePromOptions = {}): Promise<FakeProm> {
  const random = createRandom(options.seed ?? 1);
  const state = new FakePromState(random, options.now ?? (() => new Date()));
  const behaviour: FakePromBehaviour = { ...defaultBehaviour(), ...options.behaviour };
  const faults = createFaultInjector(createRandom((options.seed ?? 1) + 1).next);
  const tokens = new Set(options.tokens ?? [FAKE_PROM_TOKEN]);
  const restrictions = new Map<string, PromBlock[]>();
  const overrides: { path: string; response: FakeResponse }[] = [];
  const calls: RecordedCall[] = [];
  const recentStarts: number[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const router = new FakeRouter();
  registerOrderRoutes(router, state, behaviour);
  registerChatRoutes(router, state, behaviour);
  registerLegacyMessageRoutes(router, state, behaviour);
  registerCatalogRoutes(router, state, behaviour);

  function overBurstLimit(): boolean {
    if (!options.burstLimitPerSecond) return false;
    const now = Date.now();
    while (recentStarts.length > 0 && (recentStarts[0] as number) <= now - 1000) recentStarts.shift();
    recentStarts.push(now);
    return recentStarts.length > options.burstLimitPerSecond;
  }

  function before(request: FakeRequest): FakeResponse | null {
    const path = request.path.startsWith(API_PREFIX) ? request.path.slice(API_PREFIX.length) : request.path;
    calls.push({
      method: request.method,
      path,
      query: Object.fromEntries(request.query),
      body: request.body,
      language: [request.headers['x-language']].flat()[0],
      at: new Date(),
    });
    if (!router.match(request.method, request.path)) return null;
    if (overBurstLimit()) return json({ error: 'Too Many Requests' }, 429);
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !tokens.has(token)) return json({ error: 'Invalid or expired token' }, 401);
    const block = BLOCK_OF_PATH.find(([pattern]) => pattern.test(path))?.[1];
    const allowed = restrictions.get(token);
    if (allowed && block && !allowed.includes(block))
      return json({ error: 'Access denied for this token' }, 403);
    const overrideAt = overrides.findIndex((override) => override.path === path);
    return overrideAt >= 0
      ? (overrides.splice(overrideAt, 1)[0] as { response: FakeResponse }).response
      : null;
  }

  const server = await startFakeServer({
    router,
    port: options.port,
    faults,
    before,
    notFound: htmlNotFound,
  });

  const orderJson = (order: FakeOrder) => state.renderOrder(order, behaviour.responseDates);
  const payOrder = (id: number) =>
    orderJson(
      state.updateOrder(id, {
        status: 'paid',
        status_name: STATUS_NAMES.paid ?? 'paid',
        payment_data: {
          type: 'evopay',
          status: 'paid',
          status_modified: formatResponseDate(state.now(), 'offset'),
        },
      }),
    );

  function trafficTick(paymentDelayMs: number) {
    const roll = random.next();
    if (roll < 0.5) {
      const order = state.addOrder();
      if (order.json.payment_data?.type !== 'evopay') return;
      state.updateOrder(order.json.id, {
        status: 'pending',
        status_name: STATUS_NAMES.pending ?? 'pending',
        payment_data: null,
      });
      const timer = setTimeout(() => {
        timers.delete(timer);
        payOrder(order.json.id);
      }, paymentDelayMs);
      timers.add(timer);
    } else if (roll < 0.6) {
      // the seller files an order under a status of their own in the cabinet
      const open = [...state.orders.values()].filter((order) => order.json.status !== 'canceled');
      if (open.length === 0) return;
      state.updateOrder(random.pick(open).json.id, {
        status: CUSTOM_STATUS.name,
        status_name: CUSTOM_STATUS.title,
      });
    } else if (roll < 0.9) {
      const rooms = [...state.rooms.keys()];
      state.addChatMessage(rooms.length > 0 && random.chance(0.5) ? { roomIdent: random.pick(rooms) } : {});
    } else {
      state.addLegacyMessage();
    }
  }

  return {
    url: `${server.url}${API_PREFIX}`,
    faults,
    calls,
    behaviour,
    tokens,
    state,
    restrictToken: (token, blocks) => void restrictions.set(token, blocks),
    overrideNext: (path, response) => void overrides.push({ path, response }),
    addOrder: (patch) => orderJson(state.addOrder(patch)),
    addOrders: (count, patch) => Array.from({ length: count }, () => orderJson(state.addOrder(patch))),
    updateOrder: (id, patch) => orderJson(state.updateOrder(id, patch)),
    payOrder,
    getOrder: (id) => {
      const order = state.orders.get(id);
      return order && orderJson(order);
    },
    addChatMessage: (input) => state.addChatMessage(input),
    addLegacyMessage: (input) => state.addLegacyMessage(input),
    addProduct: (patch) => state.addProduct(patch),
    addProducts: (count) => Array.from({ length: count }, () => state.addProduct()),
    startTraffic({ everyMs = 20_000, paymentDelayMs = 3000 } = {}) {
      const interval = setInterval(() => trafficTick(paymentDelayMs), everyMs);
      return () => clearInterval(interval);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await server.close();
    },
  };
}
