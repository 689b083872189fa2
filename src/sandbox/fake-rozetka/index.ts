import type { IncomingHttpHeaders } from 'node:http';
import { createFaultInjector, type FaultInjector } from '#src/sandbox/faults.js';
import { FakeRouter, startFakeServer } from '#src/sandbox/http-server.js';
import { simulateActivity, type ActivityEvent } from '#src/sandbox/fake-rozetka/activity.js';
import { registerAuthRoutes } from '#src/sandbox/fake-rozetka/auth-routes.js';
import { registerGoodsRoutes } from '#src/sandbox/fake-rozetka/goods-routes.js';
import { registerMessageRoutes } from '#src/sandbox/fake-rozetka/message-routes.js';
import { registerOrderRoutes } from '#src/sandbox/fake-rozetka/order-routes.js';
import { createRandom } from '#src/sandbox/random.js';
import { fail } from '#src/sandbox/fake-rozetka/responses.js';
import {
  FakeRozetkaState,
  type AddChatMessageInput,
  type FakeRozetkaSettings,
} from '#src/sandbox/fake-rozetka/state.js';
import type {
  FakeChat,
  FakeChatMessage,
  FakeOrder,
  FakePermission,
} from '#src/sandbox/fake-rozetka/types.js';

export interface FakeRozetkaOptions {
  /** same seed, same data */
  seed?: number;
  port?: number;
  now?: () => Date;
  /** the first seller account; `null` for none (default demo / demo) */
  seller?: { username: string; password: string } | null;
  marketTitle?: string;
  /** generated at start */
  initialItems?: number;
  initialOrders?: number;
  /** steps of simulated life (status moves, buyer messages) after the orders */
  initialActivity?: number;
  settings?: Partial<FakeRozetkaSettings>;
}

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface FakeRozetka {
  url: string;
  close(): Promise<void>;
  faults: FaultInjector;
  /** every request that reached the routes (injected faults are counted in `faults.served`) */
  calls: RecordedCall[];
  /** runs before each recorded call is routed, e.g. to change state in the middle of a page walk */
  onCall(listener: ((call: RecordedCall) => void) | null): void;
  /** switchable at run time */
  settings: FakeRozetkaSettings;
  /** successful / failed `POST /sites` */
  readonly logins: number;
  readonly failedLogins: number;
  /** the whole shop, e.g. `state.addSeller`, `state.addItems` */
  state: FakeRozetkaState;
  /** a cabinet API token of the first seller whose role has `permissions` (default: all) */
  addApiToken(permissions?: readonly FakePermission[]): string;
  /** every issued token now fails, the way `mode` (default: the current setting) says */
  expireTokens(mode?: FakeRozetkaSettings['tokenErrorMode']): void;
  addOrder(partial?: Partial<FakeOrder> & { deliveryType?: 0 | 1 }): FakeOrder;
  updateOrder(id: number, patch: Partial<FakeOrder>): FakeOrder;
  getOrder(id: number): FakeOrder | undefined;
  addChatMessage(input?: AddChatMessageInput): { chat: FakeChat; message: FakeChatMessage };
  simulateActivity(): ActivityEvent;
}

const DEFAULT_SETTINGS: FakeRozetkaSettings = {
  tokenErrorMode: 'code1020',
  loginErrorStyle: 'code1004',
  errorsShape: 'object',
  perPage: 20,
  pageMeta: true,
};

export async function startFakeRozetka(options: FakeRozetkaOptions = {}): Promise<FakeRozetka> {
  const seed = options.seed ?? 1;
  const settings: FakeRozetkaSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const state = new FakeRozetkaState(
    seed,
    settings,
    options.now ?? (() => new Date()),
    options.marketTitle ?? 'Демо-магазин',
  );
  const seller = options.seller === undefined ? { username: 'demo', password: 'demo' } : options.seller;
  if (seller) state.addSeller(seller.username, seller.password);
  state.addItems(options.initialItems ?? 0);
  for (let i = 0; i < (options.initialOrders ?? 0); i++) state.addOrder();
  for (let i = 0; i < (options.initialActivity ?? 0); i++) simulateActivity(state);

  const router = new FakeRouter();
  registerAuthRoutes(router, state);
  registerOrderRoutes(router, state);
  registerMessageRoutes(router, state);
  registerGoodsRoutes(router, state);

  const faults = createFaultInjector(createRandom(seed + 1).next);
  const calls: RecordedCall[] = [];
  let callListener: ((call: RecordedCall) => void) | null = null;
  const server = await startFakeServer({
    router,
    faults,
    ...(options.port === undefined ? {} : { port: options.port }),
    before(request) {
      const call = {
        method: request.method,
        path: request.path,
        query: Object.fromEntries(request.query),
        body: request.body,
        headers: request.headers,
      };
      calls.push(call);
      callListener?.(call);
      return null;
    },
    notFound: () => fail(settings, { code: 5404, message: 'not_found' }, 404),
  });

  return {
    url: server.url,
    close: () => server.close(),
    faults,
    calls,
    onCall(listener) {
      callListener = listener;
    },
    settings,
    get logins() {
      return state.logins;
    },
    get failedLogins() {
      return state.failedLogins;
    },
    state,
    addApiToken: (permissions) => state.addApiToken(permissions),
    expireTokens(mode) {
      if (mode) settings.tokenErrorMode = mode;
      state.expireTokens();
    },
    addOrder: (partial) => state.addOrder(partial),
    updateOrder: (id, patch) => state.updateOrder(id, patch),
    getOrder: (id) => state.orders.get(id)?.order,
    addChatMessage: (input) => state.addChatMessage(input),
    simulateActivity: () => simulateActivity(state),
  };
}
