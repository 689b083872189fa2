import { startFakeTelegram } from '#src/sandbox/fake-telegram/server.js';
import { countsBetween, freePort, readAppCounts } from './lib/app-metrics.js';
import { startPromShops } from './lib/prom-shops.js';
import { appEnvFor, numberFromEnv, ownDatabaseUri, print, sleep, spawnApp, stopApp } from './lib/run.js';
import { peakPerSecond, peakRssMb, percentile } from './lib/stats.js';
import { MANAGER_BASE_ID, openSeededShop } from './lib/team.js';

/**
 * `npm run bench`: the real app in BENCH_PROCESSES child processes against many fake Prom
 * shops and the fake Telegram, on MONGODB_URI (or TEST_MONGODB_URI). After start-up the shops
 * stay quiet for a while, then orders arrive steadily, then in one burst; every figure is one
 * JSON line. Database commands and polls are read from each child's /metrics.
 */
const STORES = numberFromEnv('BENCH_STORES', 200);
const ORDERS = numberFromEnv('BENCH_ORDERS', 5000);
const ARRIVAL_SECONDS = numberFromEnv('BENCH_ARRIVAL_SECONDS', 200);
const BURST_ORDERS = numberFromEnv('BENCH_BURST_ORDERS', 1000);
const PROCESSES = numberFromEnv('BENCH_PROCESSES', 1);
const POLL_SECONDS = numberFromEnv('BENCH_POLL_SECONDS', 1);
const QUIET_SECONDS = numberFromEnv('BENCH_QUIET_SECONDS', 20);
const ALLOWED_SENDS_PER_SECOND = 30;
/** Telegram's limits: 30/s overall, 1/s per private chat, 20/min per group */
const PRIVATE_CHAT_SENDS_PER_SECOND = 1;
const GROUP_SENDS_PER_SECOND = 20 / 60;

const uri = ownDatabaseUri('bench');

const shops = await startPromShops(STORES);
const telegram = await startFakeTelegram();
const appEnv = appEnvFor({
  telegramUrl: telegram.url,
  mongodbUri: uri,
  promUrl: shops.url,
  logLevel: 'warn',
});

// the shop: a store and a manager per fake Prom shop
const { connection, models, seeded } = await openSeededShop(
  uri,
  appEnv,
  Array.from({ length: STORES }, (_, index) => ({
    marketplace: 'prom' as const,
    token: shops.tokenOf(index),
  })),
  POLL_SECONDS,
);
const shopIndexOfStore = new Map(seeded.map((store, index) => [store.storeId, index]));

const ports = await Promise.all(Array.from({ length: PROCESSES }, () => freePort()));
const children = ports.map((port) => spawnApp({ ...appEnv, PORT: String(port) }));
const startedAt = Date.now();
await telegram.waitFor(
  () => telegram.calls.filter((call) => call.method === 'getUpdates').length >= PROCESSES,
  120_000,
);
print({
  figure: 'startup',
  processes: PROCESSES,
  stores: STORES,
  app: process.env.APP_COMPILED === '1' ? 'compiled' : 'tsx',
  ms: Date.now() - startedAt,
});
await sleep(3000);
for (const child of children)
  print({ figure: 'idle_peak_rss_mb', pid: child.pid, value: await peakRssMb(child.pid!) });

// no orders: what a poll that finds nothing costs the database
const quietBefore = await readAppCounts(ports);
await sleep(QUIET_SECONDS * 1000);
const quiet = countsBetween(quietBefore, await readAppCounts(ports));
print({
  figure: 'quiet_polls',
  seconds: QUIET_SECONDS,
  polls: quiet.pollsByOutcome,
  db_commands: quiet.dbCommands,
  db_commands_per_quiet_poll: Math.round((quiet.dbCommands / Math.max(1, quiet.orderPolls)) * 10) / 10,
  by_command: quiet.byCommand,
});

/** when each order was placed, by "<shop>:<order id>" */
const placedAt = new Map<string, number>();
function placeOrder(shopIndex: number) {
  const order = shops.shops[shopIndex]!.addOrder({ status: 'pending' });
  placedAt.set(`${shopIndex}:${order.id}`, Date.now());
}

function deliveries() {
  const first = new Map<string, number>();
  const count = new Map<string, number>();
  for (const call of telegram.calls) {
    if (call.method !== 'sendMessage' || call.chatId === undefined || call.chatId === null) continue;
    const number = /№(\d+)/.exec(String(call.payload.text ?? ''))?.[1];
    if (!number) continue;
    const key = `${call.chatId - MANAGER_BASE_ID}:${number}`;
    count.set(key, (count.get(key) ?? 0) + 1);
    if (!first.has(key)) first.set(key, call.at);
  }
  return { first, count };
}

async function waitForCards(keys: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { first } = deliveries();
    if (keys.every((key) => first.has(key)) || Date.now() > deadline) return;
    await sleep(500);
  }
}

/** when each order was first stored, by "<shop>:<order id>": splits latency into ingest and delivery */
async function storedAt() {
  const orders = await models.orders
    .find({}, { storeId: 1, marketplaceOrderId: 1, createdAt: 1 })
    .lean<{ storeId: unknown; marketplaceOrderId: string; createdAt: Date }[]>();
  return new Map(
    orders.map((order) => [
      `${shopIndexOfStore.get(String(order.storeId))}:${order.marketplaceOrderId}`,
      order.createdAt.getTime(),
    ]),
  );
}

const spread = (values: number[]) => {
  const sorted = values.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 };
};

async function report(phase: string, keys: string[], windowStart: number) {
  const { first, count } = deliveries();
  const stored = await storedAt();
  const carded = keys.filter((key) => first.has(key));
  const latencies = carded.map((key) => first.get(key)! - placedAt.get(key)!);
  const ingest = carded.filter((key) => stored.has(key)).map((key) => stored.get(key)! - placedAt.get(key)!);
  const sends = telegram.calls.filter((call) => call.method === 'sendMessage' && call.at >= windowStart);
  const sendTimes = sends.map((call) => call.at);
  const windowSeconds = (Math.max(...sendTimes, windowStart) - windowStart) / 1000 || 1;
  const averageSends = sendTimes.length / windowSeconds;
  const limit = telegramLimit(sends.map((call) => call.chatId ?? 0));
  print({
    figure: `${phase}_cards`,
    orders: keys.length,
    lost: keys.filter((key) => !first.has(key)).length,
    duplicated: keys.filter((key) => (count.get(key) ?? 0) > 1).length,
    latency_ms: spread(latencies),
    ingest_latency_ms: spread(ingest),
    sends_per_second: {
      average: Math.round(averageSends * 10) / 10,
      peak: peakPerSecond(sendTimes),
      allowed: ALLOWED_SENDS_PER_SECOND,
      share_of_allowed: Math.round((averageSends / ALLOWED_SENDS_PER_SECOND) * 100) / 100,
      telegram_limit: limit,
      share_of_limit: Math.round((averageSends / limit.per_second) * 100) / 100,
    },
  });
}

/**
 * Where a burst's send rate goes, chat by chat: when each chat's first order was stored and its
 * first and last cards were sent (ms after the burst). At its pace a chat's cards take
 * (cards - 1) seconds, so its first card decides when it ends.
 */
function burstTimeline(keys: string[], windowStart: number, stored: Map<string, number>) {
  const { first } = deliveries();
  const byChat = new Map<string, string[]>();
  for (const key of keys) {
    const chat = key.split(':')[0]!;
    byChat.set(chat, [...(byChat.get(chat) ?? []), key]);
  }
  const since = (times: number[], pick: (values: number[]) => number) => pick(times) - windowStart;
  const chats = [...byChat.values()].map((chatKeys) => {
    const sent = chatKeys.flatMap((key) => first.get(key) ?? []).sort((a, b) => a - b);
    const storedTimes = chatKeys.flatMap((key) => stored.get(key) ?? []);
    return {
      firstStored: since(storedTimes, (values) => Math.min(...values)),
      firstCard: since(sent, (values) => Math.min(...values)),
      lastCard: since(sent, (values) => Math.max(...values)),
      longestGap: Math.max(0, ...sent.slice(1).map((at, index) => at - sent[index]!)),
    };
  });
  print({
    figure: 'burst_chats_ms',
    chats: chats.length,
    first_order_stored: spread(chats.map((chat) => chat.firstStored)),
    first_card: spread(chats.map((chat) => chat.firstCard)),
    stored_to_first_card: spread(chats.map((chat) => chat.firstCard - chat.firstStored)),
    last_card: spread(chats.map((chat) => chat.lastCard)),
    longest_gap_between_cards: spread(chats.map((chat) => chat.longestGap)),
  });
}

/** what Telegram allows for the chats that got messages: private chat ids are positive, groups negative */
function telegramLimit(chatIds: number[]) {
  const chats = new Set(chatIds);
  const privateChats = [...chats].filter((id) => id > 0).length;
  const groups = chats.size - privateChats;
  const perChats = privateChats * PRIVATE_CHAT_SENDS_PER_SECOND + groups * GROUP_SENDS_PER_SECOND;
  return {
    per_second: Math.round(Math.min(ALLOWED_SENDS_PER_SECOND, perChats) * 100) / 100,
    private_chats: privateChats,
    groups,
  };
}

// steady arrivals
const steadyStart = Date.now();
const gapMs = (ARRIVAL_SECONDS * 1000) / ORDERS;
for (let index = 0; index < ORDERS; index++) {
  placeOrder(index % STORES);
  const due = steadyStart + (index + 1) * gapMs;
  if (due > Date.now()) await sleep(due - Date.now());
}
const steadyKeys = [...placedAt.keys()];
await waitForCards(steadyKeys, 10 * 60_000);
await report('steady', steadyKeys, steadyStart);

// one burst: ingest speed and the send rate Telegram allows
const burstBefore = await readAppCounts(ports);
const burstStart = Date.now();
const before = new Set(placedAt.keys());
for (let index = 0; index < BURST_ORDERS; index++) placeOrder(index % STORES);
const burstKeys = [...placedAt.keys()].filter((key) => !before.has(key));
// the bench reads nothing of the database while the burst is stored and sent: a read of every
// order stalled the shared database for seconds. Each order's own timestamp tells when it was stored.
await waitForCards(burstKeys, 10 * 60_000);
const burst = countsBetween(burstBefore, await readAppCounts(ports));
const burstStored = await storedAt();
const ingestMs = Math.max(...burstKeys.map((key) => burstStored.get(key) ?? Date.now())) - burstStart;
print({
  figure: 'burst_ingest',
  orders: BURST_ORDERS,
  stored: burstKeys.filter((key) => burstStored.has(key)).length,
  ms: ingestMs,
  per_second: Math.round((BURST_ORDERS / ingestMs) * 1000),
});
await report('burst', burstKeys, burstStart);
burstTimeline(burstKeys, burstStart, burstStored);
// every command from the first burst order to the last card, polls and sends included
print({
  figure: 'burst_db_commands',
  orders: BURST_ORDERS,
  db_commands: burst.dbCommands,
  db_commands_per_new_order: Math.round((burst.dbCommands / BURST_ORDERS) * 10) / 10,
  polls: burst.pollsByOutcome,
  by_command: burst.byCommand,
});

for (const child of children)
  print({ figure: 'peak_rss_mb', pid: child.pid, value: await peakRssMb(child.pid!) });
await Promise.all(children.map(stopApp));
await connection.dropDatabase();
await connection.close();
await Promise.all([shops.close(), telegram.close()]);
