import { Api, type BotConfig } from 'grammy';
import { createBot } from '#src/bot/index.js';
import { createI18n } from '#src/bot/i18n.js';
import { publishCommands } from '#src/bot/commands.js';
import type { BotContext } from '#src/bot/context.js';
import { startUpdateTransport } from '#src/bot/transport.js';
import { createUpdateClaims } from '#src/bot/update-claims.js';
import type { Config, Role } from '#src/config/index.js';
import { connectDatabase, ensureIndexes } from '#src/db/connect.js';
import { migrateData, migrateOrderDays } from '#src/db/migrations.js';
import { modelsFor } from '#src/db/models/index.js';
import { createAgenda } from '#src/jobs/agenda.js';
import type { Logger } from '#src/logger.js';
import { backfillRequester, defineOrderBackfill } from '#src/jobs/order-backfill.js';
import { createBackfillReporter } from '#src/notify/backfill-reporter.js';
import { scheduleAutoAccept } from '#src/jobs/auto-accept.js';
import { createPollScheduler, type StorePolling } from '#src/jobs/poll-scheduler.js';
import { startOperationJobs } from '#src/jobs/operations.js';
import { startRetentionJob } from '#src/jobs/retention.js';
import { defineDailySummary, scheduleDailySummary } from '#src/jobs/daily-summary.js';
import { sendDailySummaries } from '#src/notify/daily-summary.js';
import { createCardContext, outboxRenderers } from '#src/notify/outbox-renderers.js';
import { createSendPacer } from '#src/notify/rate-limiter.js';
import { createRenderMemo } from '#src/notify/render-memo.js';
import { createOutboxSender } from '#src/notify/sender.js';
import { createServices, type ServiceOptions } from '#src/services/index.js';
import { reachTelegram } from '#src/startup/telegram.js';
import {
  databaseCheck,
  jobsCheck,
  pollLoopCheck,
  runHealthChecks,
  senderCheck,
  telegramCheck,
  type HealthChecks,
} from '#src/ops/health.js';
import { startAppServer, type AppServer } from '#src/ops/http-server.js';
import { countTelegramFailures, createMetrics, type Metrics } from '#src/ops/metrics.js';

export interface AppOptions {
  logger: Logger;
  /** tests: a database per test file */
  dbName?: string;
  botConfig?: BotConfig<BotContext>;
  services?: ServiceOptions;
  /** false: stores are polled only once `startPolling()` is called (tests that poll by hand) */
  pollOnStart?: boolean;
}

/** J5: this many new cards waiting for one group become one digest message */
const GROUP_DIGEST_THRESHOLD = 8;
/** connections of a worker's sender: a chat's turn needs one at a time, and most chats wait for their turn */
const SENDER_POOL_SIZE = 12;
/** how long the sender reuses a chat's language between cards */
const RENDER_MEMO_MS = 5_000;

/** Running it: ROLE=bot takes Telegram updates, ROLE=worker runs jobs and the outbox, all does both. */
const takesUpdates = (role: Role) => role !== 'worker';
const runsJobs = (role: Role) => role !== 'bot';

/** What every role shares: the database, the services, and Agenda for queueing jobs. */
async function openCore(config: Config, options: AppOptions) {
  const { logger } = options;
  // Telegram first: it answers in a moment, and a wrong token makes everything else pointless
  const botInfo = await reachTelegram(config);
  const db = await connectDatabase(
    {
      uri: config.mongodbUri,
      dataDir: config.dataDir,
      ...(options.dbName ? { dbName: options.dbName } : {}),
    },
    logger,
  );
  const models = modelsFor(db.connection);
  await ensureIndexes(db.connection);
  await migrateData(models, { adminIds: config.adminIds, logger });
  await migrateOrderDays(models, { timeZone: config.timezone, logger });
  const metrics = createMetrics(models, db.connection);
  const watchCalls = countTelegramFailures(metrics.events.telegramFailed);
  const services = createServices(config, models, logger, {
    ...options.services,
    syncFailed: metrics.events.syncFailed,
    orderPolled: metrics.events.orderPolled,
  });
  const i18n = createI18n(config.defaultLocale);
  const cardContext = createCardContext(models, i18n, {
    timeZone: config.timezone,
    defaultLocale: config.defaultLocale,
  });
  // no auto-retry here: the sender waits out 429 per chat without holding up other chats; a call
  // never outlasts the chat's mailbox claim (45 s, renewed before each call once half is gone)
  const api = new Api(config.botToken, { apiRoot: config.telegramApiRoot, timeoutSeconds: 20 });
  api.config.use(watchCalls);
  // a bot process only queues jobs (agenda.now/create/cancel need no start()); workers run them
  const agenda = createAgenda(db.connection, logger);
  const dailySummary = {
    service: services.dailySummary,
    cards: cardContext,
    adminIds: config.adminIds,
    logger: logger.child({ part: 'daily-summary' }),
  };
  const runDailySummary = (now?: Date) => sendDailySummaries(dailySummary, now);
  return {
    config,
    logger,
    botInfo,
    metrics,
    watchCalls,
    db,
    dbName: options.dbName,
    models,
    services,
    i18n,
    cardContext,
    api,
    agenda,
    runDailySummary,
  };
}

type Core = Awaited<ReturnType<typeof openCore>>;

/**
 * Worker: polls the stores, runs the jobs (auto-accept, operations, daily summary, imports)
 * and the outbox sender. Any number of workers share the polls through slot rows, the jobs
 * through Agenda's locks; a chat's mailbox claim keeps each chat's messages single and in order.
 */
async function startWorker(core: Core, pollOnStart: boolean) {
  const { agenda, services, api, cardContext, config, logger } = core;
  // the sender's queries never queue behind a hundred polls' in the driver: a pool of its own
  const senderConnection = await core.db.openPool(SENDER_POOL_SIZE);
  core.metrics.countConnection(senderConnection);
  const senderModels = modelsFor(senderConnection);
  const renderers = outboxRenderers({
    ...cardContext,
    models: senderModels,
    remember: createRenderMemo(RENDER_MEMO_MS),
  });
  // started first: after a restart, held-back cards wait for nothing else
  const sender = createOutboxSender({
    models: senderModels,
    api,
    pacer: createSendPacer(),
    render: renderers.render,
    tooLarge: renderers.tooLarge,
    digest: { threshold: GROUP_DIGEST_THRESHOLD, render: renderers.digest },
    logger: logger.child({ part: 'sender' }),
    firstCardDelivered: core.metrics.events.cardDelivered,
  });
  sender.start();
  defineOrderBackfill(agenda, services.orderBackfill, createBackfillReporter(cardContext));
  defineDailySummary(agenda, core.runDailySummary);
  await agenda.start();
  await scheduleAutoAccept(agenda, services.autoAccept);
  await startOperationJobs(agenda, services);
  await startRetentionJob(agenda, services.retention, logger.child({ part: 'retention' }));
  await scheduleDailySummary(agenda, config.dailySummaryHour, config.timezone);
  const pollScheduler = createPollScheduler({
    models: core.models,
    stores: services.stores,
    pollers: services,
    logger: logger.child({ part: 'polling' }),
  });
  if (pollOnStart) pollScheduler.start();
  return { sender, pollScheduler };
}

/** Bot: takes Telegram updates (long polling or webhook) and answers them; jobs it queues run on a worker. */
async function startBotPart(
  core: Core,
  server: AppServer,
  polling: StorePolling,
  botConfig: BotConfig<BotContext> | undefined,
) {
  const { config, logger } = core;
  const bot = createBot(config, {
    logger,
    models: core.models,
    services: core.services,
    i18n: core.i18n,
    cards: core.cardContext,
    requestBackfill: backfillRequester(core.agenda),
    polling,
    botConfig: { botInfo: core.botInfo, ...botConfig },
    watchCalls: core.watchCalls,
  });
  await bot.init();
  await publishCommands(bot.api, core.i18n, config.defaultLocale);
  const transport = await startUpdateTransport(bot, config.mode, {
    claims: createUpdateClaims(core.models, logger.child({ part: 'webhook' })),
    logger,
    server,
  });
  return { bot, transport };
}

/** S5: while nobody is admin, every start shows the way in, in one line the operator can act on */
async function announceOwnerLink(core: Core) {
  const code = await core.services.owner.pendingCode();
  if (!code) return;
  core.logger.warn(
    `no admin yet: open https://t.me/${core.botInfo.username}?start=${code} in Telegram to become this bot's admin (the link works once; or set ADMIN_IDS)`,
  );
}

/** `/healthz` and `/metrics` on the process's server; what is checked depends on the role */
function serveOps(server: AppServer, checks: HealthChecks, metrics: Metrics) {
  server.route('GET', '/healthz', async (_request, response) => {
    const report = await runHealthChecks(checks);
    response
      .writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify(report));
  });
  server.route('GET', '/metrics', async (_request, response) => {
    const text = await metrics.render();
    response.writeHead(200, { 'content-type': metrics.contentType }).end(text);
  });
}

/** Composition root: config → db → services → (worker: jobs + sender) → (bot: updates), by ROLE. */
export async function startApp(config: Config, options: AppOptions) {
  // first: a taken port fails the start before anything else is opened
  const server = await startAppServer(config.port, options.logger);
  const started = await startParts(config, options, server).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return { ...started, port: server.port };
}

async function startParts(config: Config, options: AppOptions, server: AppServer) {
  const core = await openCore(config, options);
  const worker = runsJobs(config.role) ? await startWorker(core, options.pollOnStart ?? true) : null;
  // a bot process has no pollers of its own: workers re-read the stores within seconds
  const polling: StorePolling = { storesChanged: () => worker?.pollScheduler.wake() };
  const botPart = takesUpdates(config.role)
    ? await startBotPart(core, server, polling, options.botConfig)
    : null;
  serveOps(
    server,
    {
      database: () => databaseCheck(core.db.connection),
      ...(botPart
        ? {
            telegram: telegramCheck(
              new Api(config.botToken, { apiRoot: config.telegramApiRoot, timeoutSeconds: 5 }),
            ),
          }
        : {}),
      ...(worker
        ? {
            polls: pollLoopCheck(() => worker.pollScheduler.sinceLastTick()),
            jobs: jobsCheck(() => core.agenda.isActiveJobProcessor()),
            sender: senderCheck(() => worker.sender.running()),
          }
        : {}),
    },
    core.metrics,
  );
  core.logger.info({ role: config.role, port: server.port }, 'MarketDesk started');
  if (botPart) await announceOwnerLink(core);

  let stopping: Promise<void> | null = null;
  return {
    role: config.role,
    bot: botPart?.bot ?? null,
    /** null in a bot process: only workers send notifications */
    sender: worker?.sender ?? null,
    models: core.models,
    services: core.services,
    agenda: core.agenda,
    cardContext: core.cardContext,
    /** a worker polls every active store from now on, starting at the next tick */
    startPolling() {
      worker?.pollScheduler.start();
      worker?.pollScheduler.wake();
    },
    runDailySummary: core.runDailySummary,
    connection: core.db.connection,
    /** updates stop → polls and sender stop → agenda drain → database disconnect; safe to call twice */
    stop(drainTimeoutMs = 8_000) {
      stopping ??= (async () => {
        await botPart?.transport.stop();
        await server.close();
        await worker?.pollScheduler.stop(drainTimeoutMs);
        await worker?.sender.stop();
        await core.agenda.drain(drainTimeoutMs);
        await core.db.close();
        core.logger.info('stopped');
      })();
      return stopping;
    },
  };
}

export type App = Awaited<ReturnType<typeof startApp>>;
