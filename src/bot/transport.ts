import { createServer, type Server } from 'node:http';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import type { BotMode } from '#src/config/index.js';
import type { Logger } from '#src/logger.js';

const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export interface UpdateTransport {
  stop(): Promise<void>;
}

async function startPolling(bot: Bot<BotContext>, logger: Logger): Promise<UpdateTransport> {
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
  logger.info({ bot: bot.botInfo.username }, 'polling Telegram for updates');
  return {
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}

async function startWebhook(
  bot: Bot<BotContext>,
  mode: Extract<BotMode, { kind: 'webhook' }>,
  logger: Logger,
): Promise<UpdateTransport> {
  const handle = webhookCallback(bot, 'http', { secretToken: mode.secret });
  const server: Server = createServer((request, response) => {
    if (request.method === 'POST' && new URL(mode.url).pathname === request.url) {
      void handle(request, response);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(mode.port, resolve));
  await bot.api.setWebhook(mode.url, { secret_token: mode.secret, allowed_updates: ALLOWED_UPDATES });
  logger.info({ port: mode.port }, 'receiving Telegram updates by webhook');
  return {
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function startUpdateTransport(bot: Bot<BotContext>, mode: BotMode, logger: Logger) {
  return mode.kind === 'webhook' ? startWebhook(bot, mode, logger) : startPolling(bot, logger);
}
