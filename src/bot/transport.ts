import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot, Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { BotContext } from '#src/bot/context.js';
import type { UpdateClaims } from '#src/bot/update-claims.js';
import type { BotMode } from '#src/config/index.js';
import type { Logger } from '#src/logger.js';
import type { AppServer } from '#src/ops/http-server.js';

const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;
const CONFLICT_FIRST_WAIT_MS = 1_000;
const CONFLICT_MAX_WAIT_MS = 30_000;
/** Telegram's updates are small; anything bigger is not from Telegram */
const MAX_UPDATE_BYTES = 1024 * 1024;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface UpdateTransport {
  stop(): Promise<void>;
}

/** resolves true after `ms`, false as soon as `signal` aborts */
function pause(ms: number, signal: Parameters<Transformer>[3]): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (waited: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', aborted);
      resolve(waited);
    };
    const aborted = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', aborted);
  });
}

/**
 * Telegram serves one getUpdates poller per bot and answers another with 409 Conflict. The
 * runner would stop for good on it; instead this waits (1 s doubling to 30 s) and asks again,
 * with one log line when the conflict starts and one when it is over.
 */
function waitOutPollingConflicts(logger: Logger): Transformer {
  let inConflict = false;
  return async (prev, method, payload, signal) => {
    if (method !== 'getUpdates') return prev(method, payload, signal);
    let waitMs = CONFLICT_FIRST_WAIT_MS;
    for (;;) {
      const response = await prev(method, payload, signal);
      if (response.ok || response.error_code !== 409) {
        if (response.ok && inConflict) {
          inConflict = false;
          logger.info('no other poller any more: this instance takes Telegram updates again');
        }
        return response;
      }
      if (!inConflict) {
        inConflict = true;
        logger.warn(
          { telegram: response.description },
          'another instance is polling Telegram with this bot token (409 Conflict); only one poller may run, so this one waits and retries calmly',
        );
      }
      if (!(await pause(waitMs, signal))) return response;
      waitMs = Math.min(waitMs * 2, CONFLICT_MAX_WAIT_MS);
    }
  };
}

async function startPolling(bot: Bot<BotContext>, logger: Logger): Promise<UpdateTransport> {
  await bot.api.deleteWebhook();
  bot.api.config.use(waitOutPollingConflicts(logger));
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ALLOWED_UPDATES }, silent: true },
  });
  void runner.task()?.catch((error: unknown) => {
    logger.error({ err: error }, 'polling Telegram stopped: no more updates are taken');
  });
  logger.info({ bot: bot.botInfo.username }, 'polling Telegram for updates');
  return {
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}

const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

function secretMatches(request: IncomingMessage, secret: string): boolean {
  const given = Buffer.from(String(request.headers[SECRET_HEADER] ?? ''));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_UPDATE_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseUpdate(body: Buffer): Update | null {
  try {
    const parsed = updateSchema.safeParse(JSON.parse(body.toString('utf8')));
    return parsed.success ? (parsed.data as unknown as Update) : null;
  } catch {
    return null;
  }
}

/**
 * Webhook mode, safe behind a load balancer: only requests carrying the secret token are
 * taken, and each update_id is claimed in the database before it is handled, so an update
 * Telegram re-sends (to this or another instance) is handled once. The claim is the
 * acknowledgement: Telegram gets its 200 at once and the update is handled after.
 */
async function startWebhook(
  bot: Bot<BotContext>,
  mode: Extract<BotMode, { kind: 'webhook' }>,
  deps: { claims: UpdateClaims; logger: Logger; server: AppServer },
): Promise<UpdateTransport> {
  const { claims, logger, server } = deps;
  const handling = new Set<Promise<void>>();
  let stopped = false;

  async function receive(request: IncomingMessage, response: ServerResponse) {
    if (stopped) {
      // Telegram sends it again later, to this instance after its restart or to another
      response.writeHead(503).end();
      return;
    }
    if (!secretMatches(request, mode.secret)) {
      logger.warn(
        { from: request.socket.remoteAddress },
        'webhook call without the right secret token refused',
      );
      response.writeHead(401).end();
      return;
    }
    const body = await readBody(request);
    if (!body) {
      response.writeHead(413).end();
      return;
    }
    const update = parseUpdate(body);
    if (!update) {
      logger.warn('webhook call that is not a Telegram update refused');
      response.writeHead(400).end();
      return;
    }
    if (!(await claims.claim(update.update_id))) {
      logger.debug({ updateId: update.update_id }, 'update already taken by an instance; skipped');
      response.writeHead(200).end();
      return;
    }
    response.writeHead(200).end();
    const work = bot
      .handleUpdate(update)
      .catch((error: unknown) => logger.error({ err: error, updateId: update.update_id }, 'update failed'))
      .finally(() => handling.delete(work));
    handling.add(work);
  }

  server.route('POST', new URL(mode.url).pathname, async (request, response) => {
    await receive(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'webhook call failed; Telegram will send it again');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await bot.api.setWebhook(mode.url, { secret_token: mode.secret, allowed_updates: ALLOWED_UPDATES });
  logger.info({ port: server.port }, 'receiving Telegram updates by webhook');
  return {
    async stop() {
      stopped = true;
      await Promise.allSettled([...handling]);
    },
  };
}

export async function startUpdateTransport(
  bot: Bot<BotContext>,
  mode: BotMode,
  deps: { claims: UpdateClaims; logger: Logger; server: AppServer },
) {
  return mode.kind === 'webhook' ? startWebhook(bot, mode, deps) : startPolling(bot, deps.logger);
}
