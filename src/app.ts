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
import { defineOrderPolling, scheduleOrderPolling } from '#src/jobs/order-polling.js';
import { defineDailySummary, scheduleDailySummary } from '#src/jobs/daily-summary.js';
import { sendDailySummaries } from '#src/notify/daily-summary.js';
import { renderStoredOrderCard } from '#src/notify/order-card-view.js';
import { createSendPacer } from '#src/notify/rate-limiter.js';
import { createOutboxSender } from '#src/notify/sender.js';
import { createServices, type ServiceOptions } from '#src/services/index.js';
import type { StoreRecord } from '#src/services/stores.js';

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

  const agenda = createAgenda(db.connection, logger);
  defineOrderPolling(agenda, services.orderSync);
  await agenda.start();
  const schedulePolling = (store: StoreRecord) => scheduleOrderPolling(agenda, store);
  for (const store of await services.stores.listActive()) await schedulePolling(store);

  const i18n = createI18n(config.defaultLocale);
  const cardContext = {
    models,
    translate: (locale: string, key: string, vars?: Record<string, string | number>) =>
      i18n.t(locale, key, vars),
    timeZone: config.timezone,
    defaultLocale: config.defaultLocale,
  };
  const bot = createBot(config, {
    logger,
    models,
    services,
    i18n,
    cards: cardContext,
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
    // no auto-retry here: the sender waits out 429 per chat without holding up other chats
    api: new Api(config.botToken, { apiRoot: config.telegramApiRoot }),
    pacer: createSendPacer(),
    render: async (entry) =>
      entry.orderId ? renderStoredOrderCard(cardContext, entry.orderId, entry.chatId) : null,
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
