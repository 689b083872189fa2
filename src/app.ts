import type { BotConfig } from 'grammy';
import { createBot } from '#src/bot/index.js';
import { publishCommands } from '#src/bot/commands.js';
import type { BotContext } from '#src/bot/context.js';
import { startUpdateTransport, type UpdateTransport } from '#src/bot/transport.js';
import type { Config } from '#src/config/index.js';
import { connectDatabase, ensureIndexes } from '#src/db/connect.js';
import { modelsFor } from '#src/db/models/index.js';
import { createAgenda } from '#src/jobs/agenda.js';
import type { Logger } from '#src/logger.js';
import { createServices } from '#src/services/index.js';

export interface AppOptions {
  logger: Logger;
  /** tests: a database per test file */
  dbName?: string;
  botConfig?: BotConfig<BotContext>;
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
  const services = createServices(config, models);

  const agenda = createAgenda(db.connection, logger);
  await agenda.start();

  const { bot, i18n } = createBot(config, {
    logger,
    models,
    services,
    ...(options.botConfig ? { botConfig: options.botConfig } : {}),
  });
  await bot.init();
  await publishCommands(bot.api, i18n, config.defaultLocale);
  const transport: UpdateTransport = await startUpdateTransport(bot, config.mode, logger);

  let stopping: Promise<void> | null = null;
  return {
    bot,
    models,
    services,
    agenda,
    connection: db.connection,
    /** runner stop → agenda drain → database disconnect; safe to call twice */
    stop(drainTimeoutMs = 8_000) {
      stopping ??= (async () => {
        await transport.stop();
        await agenda.drain(drainTimeoutMs);
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

export type App = Awaited<ReturnType<typeof startApp>>;
