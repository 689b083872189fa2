import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Transformer } from 'grammy';
import type { Connection } from 'mongoose';
import { countCommands } from '#src/db/command-count.js';
import type { Models } from '#src/db/models/index.js';
import type { OrderPollOutcome } from '#src/services/order-sync.js';
import { countDeadLetters } from '#src/services/outbox.js';

/** What the running parts report as it happens; the rest is read from the database at scrape time. */
export interface MetricEvents {
  /** a new order card reached its chat this long after its outbox entry was made */
  cardDelivered(seconds: number): void;
  /** a Bot API call failed: its HTTP error code, or `network` when Telegram did not answer */
  telegramFailed(code: string): void;
  syncFailed(marketplace: string): void;
  /** an order poll ended: stored nothing, stored something, or failed */
  orderPolled(outcome: OrderPollOutcome): void;
}

/**
 * `GET /metrics`: one registry per app (tests run several in one process). The outbox backlog
 * and the poll lag are read from the shared database, so every instance reports the shop's;
 * the counters and the latency histogram are this process's own.
 */
export function createMetrics(models: Models, connection: Connection) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'marketdesk_' });
  const registers = [registry];

  new Gauge({
    name: 'marketdesk_outbox_backlog',
    help: 'Notifications waiting to be sent to Telegram',
    registers,
    async collect() {
      this.set(await models.outbox.countDocuments({ pending: true }));
    },
  });
  new Gauge({
    name: 'marketdesk_outbox_dead_letters',
    help: 'Notifications given up after their last attempt (kept until the retention sweep)',
    registers,
    async collect() {
      this.set(await countDeadLetters(models));
    },
  });
  new Gauge({
    name: 'marketdesk_poll_lag_seconds',
    help: 'How far the most overdue active store of each marketplace is behind its poll interval',
    labelNames: ['marketplace'],
    registers,
    async collect() {
      this.reset();
      for (const [marketplace, lag] of await pollLagByMarketplace(models)) this.set({ marketplace }, lag);
    },
  });
  const cardLatency = new Histogram({
    name: 'marketdesk_card_latency_seconds',
    help: "From an order's outbox entry to its first card in the chat",
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 300],
    registers,
  });
  const telegram429 = new Counter({
    name: 'marketdesk_telegram_429_total',
    help: 'Bot API calls refused with 429 Too Many Requests',
    registers,
  });
  const telegramErrors = new Counter({
    name: 'marketdesk_telegram_errors_total',
    help: 'Bot API calls that failed otherwise, by HTTP error code (network: no answer)',
    labelNames: ['code'],
    registers,
  });
  const syncFailures = new Counter({
    name: 'marketdesk_sync_failures_total',
    help: 'Order polls that failed, by marketplace',
    labelNames: ['marketplace'],
    registers,
  });
  const orderPolls = new Counter({
    name: 'marketdesk_order_polls_total',
    help: 'Order polls by outcome: quiet (nothing stored), changed, failed',
    labelNames: ['outcome'],
    registers,
  });
  const dbCommands = new Counter({
    name: 'marketdesk_db_commands_total',
    help: 'Database commands this process sent, by command name',
    labelNames: ['command'],
    registers,
  });
  const countConnection = (counted: Connection) =>
    countCommands(counted, (command, times) => dbCommands.inc({ command }, times));
  countConnection(connection);

  const events: MetricEvents = {
    cardDelivered: (seconds) => cardLatency.observe(seconds),
    telegramFailed: (code) => (code === '429' ? telegram429.inc() : telegramErrors.inc({ code })),
    syncFailed: (marketplace) => syncFailures.inc({ marketplace }),
    orderPolled: (outcome) => orderPolls.inc({ outcome }),
  };
  return {
    events,
    /** a further connection of this process (the sender's) counted with the first */
    countConnection,
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

async function pollLagByMarketplace(models: Models): Promise<Map<string, number>> {
  const stores = await models.stores
    .find({ status: { $ne: 'paused' } })
    .select('marketplace pollIntervalSeconds lastSyncOkAt createdAt')
    .lean();
  const now = Date.now();
  const lags = new Map<string, number>();
  for (const store of stores) {
    const since = (store.lastSyncOkAt ?? store.createdAt).getTime();
    const lag = Math.max(0, (now - since) / 1000 - store.pollIntervalSeconds);
    lags.set(store.marketplace, Math.max(lags.get(store.marketplace) ?? 0, lag));
  }
  return lags;
}

/** counts the Bot API calls that fail; installed first, so it sees every 429 a retry later hides */
export function countTelegramFailures(telegramFailed: MetricEvents['telegramFailed']): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const response = await prev(method, payload, signal);
      if (!response.ok) telegramFailed(String(response.error_code));
      return response;
    } catch (error) {
      if (!signal?.aborted) telegramFailed('network');
      throw error;
    }
  };
}
