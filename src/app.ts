import { Api, type BotConfig } from 'grammy';
import { createBot } from '#src/bot/index.js';
import { createI18n } from '#src/bot/i18n.js';
import { publishCommands } from '#src/bot/commands.js';
import type { BotContext } from '#src/bot/context.js';
import { startUpdateTransport, type UpdateTransport } from '#src/bot/transport.js';
import type { Config } from '#src/config/index.js';
import { connectDatabase, ensureIndexes } from '#src/db/connect.js';
import { modelsFor } from '#src/db/models/index.js';
import { createAgenda } from '#src/jobs/agenda.js';
import type { Logger } from '#src/logger.js';
import { defineOrderBackfill } from '#src/jobs/order-backfill.js';
import { createBackfillReporter } from '#src/notify/backfill-reporter.js';
import { scheduleAutoAccept } from '#src/jobs/auto-accept.js';
import { cancelStorePolling, defineStorePolling, scheduleStorePolling } from '#src/jobs/store-polling.js';
import { renderStoredDigest, renderStoredOrderCard } from '#src/notify/order-card-view.js';
import { renderStoredMessageCard } from '#src/notify/message-card-view.js';
import { startOperationJobs } from '#src/jobs/operations.js';
import { renderNotice } from '#src/notify/notices.js';
import { defineDailySummary, scheduleDailySummary } from '#src/jobs/daily-summary.js';
import { sendDailySummaries } from '#src/notify/daily-summary.js';
import { createSendPacer } from '#src/notify/rate-limiter.js';
import { createOutboxSender } from '#src/notify/sender.js';
import { createServices, type ServiceOptions } from '#src/services/index.js';
import type { StoreRecord } from '#src/services/stores.js';

/** J5: this many new cards waiting for one group become one digest message */
const GROUP_DIGEST_THRESHOLD = 8;

export interface AppOptions {
  logger: Logger;
  /** tests: a database per test file */
  dbName?: string;
  botConfig?: BotConfig<BotContext>;
  services?: ServiceOptions;
}

/** Composition root: config → db → services → jobs → bot. */
export async function startApp(config: Config, options: AppOptions) {
  const { logger } = options;
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
  const services = createServices(config, models, logger, options.services);

  const i18n = createI18n(config.defaultLocale);
  const cardContext = {
    models,
    translate: (locale: string, key: string, vars?: Record<string, string | number>) =>
      i18n.t(locale, key, vars),
    timeZone: config.timezone,
    defaultLocale: config.defaultLocale,
  };
  // no auto-retry here: the sender waits out 429 per chat without holding up other chats
  const api = new Api(config.botToken, { apiRoot: config.telegramApiRoot });

  const agenda = createAgenda(db.connection, logger);
  defineStorePolling(agenda, services);
  const requestBackfill = defineOrderBackfill(
    agenda,
    services.orderBackfill,
    createBackfillReporter(api, cardContext, logger.child({ part: 'backfill' })),
  );
  await agenda.start();
  await scheduleAutoAccept(agenda, services.autoAccept);
  await startOperationJobs(agenda, services);
  const schedulePolling = (store: StoreRecord) => scheduleStorePolling(agenda, store);
  for (const store of await services.stores.listActive()) await schedulePolling(store);
  const bot = createBot(config, {
    logger,
    models,
    services,
    i18n,
    cards: cardContext,
    requestBackfill,
    polling: { schedule: schedulePolling, cancel: (storeId) => cancelStorePolling(agenda, storeId) },
    ...(options.botConfig ? { botConfig: options.botConfig } : {}),
  });
  await bot.init();
  await publishCommands(bot.api, i18n, config.defaultLocale);
  const dailySummary = {
    api: bot.api,
    service: services.dailySummary,
    cards: cardContext,
    adminIds: config.adminIds,
    logger: logger.child({ part: 'daily-summary' }),
  };
  const runDailySummary = (now?: Date) => sendDailySummaries(dailySummary, now);
  defineDailySummary(agenda, runDailySummary);
  await scheduleDailySummary(agenda, config.dailySummaryHour, config.timezone);
  const transport: UpdateTransport = await startUpdateTransport(bot, config.mode, logger);

  const sender = createOutboxSender({
    models,
    api,
    pacer: createSendPacer(),
    render: async (entry) => {
      if (entry.kind === 'message_card' && entry.buyerMessageId) {
        return renderStoredMessageCard(cardContext, entry.buyerMessageId, entry.chatId, entry.threadId);
      }
      if (entry.kind !== 'order_card') return renderNotice(cardContext, entry);
      return entry.orderId ? renderStoredOrderCard(cardContext, entry.orderId, entry.chatId) : null;
    },
    digest: {
      threshold: GROUP_DIGEST_THRESHOLD,
      render: (orderIds, chatId) => renderStoredDigest(cardContext, orderIds, chatId),
    },
    logger: logger.child({ part: 'sender' }),
  });
  sender.start();

  let stopping: Promise<void> | null = null;
  return {
    bot,
    models,
    services,
    agenda,
    sender,
    cardContext,
    schedulePolling,
    runDailySummary,
    connection: db.connection,
    /** runner stop → agenda drain → database disconnect; safe to call twice */
    stop(drainTimeoutMs = 8_000) {
      stopping ??= (async () => {
        await transport.stop();
        await sender.stop();
        await agenda.drain(drainTimeoutMs);
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

export type App = Awaited<ReturnType<typeof startApp>>;
