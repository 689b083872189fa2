import type { Level } from 'pino';
import type { Locale } from '#src/config/locales.js';
import type { Logger } from '#src/logger.js';
import type { MetricEvents } from '#src/ops/metrics.js';
import { nextMessage, startModuleThread } from '#src/threads.js';

/** what the sender thread needs of the configuration: plain values, copied to the thread */
export interface SenderThreadSettings {
  botToken: string;
  telegramApiRoot: string;
  mongodbUri: string;
  dbName?: string;
  dataDir: string;
  defaultLocale: Locale;
  timeZone: string;
  logLevel: string;
}

export type HostMessage = { type: 'stop' };
export type ThreadMessage =
  | { type: 'ready' }
  | { type: 'stopped' }
  | { type: 'log'; line: string }
  | { type: 'card_delivered'; seconds: number }
  | { type: 'telegram_failed'; code: string };

const messageOfType =
  <K extends ThreadMessage['type']>(type: K) =>
  (message: unknown): message is Extract<ThreadMessage, { type: K }> =>
    (message as ThreadMessage | null)?.type === type;

const STOP_TIMEOUT_MS = 10_000;

/** the thread's log lines, written by this process's logger (one stream, one redaction) */
function relog(logger: Logger, line: string) {
  const {
    level,
    msg,
    time: _time,
    ...fields
  } = JSON.parse(line) as {
    level: number;
    msg?: string;
    time?: number;
  } & Record<string, unknown>;
  const label = (logger.levels.labels[level] ?? 'info') as Level;
  logger[label](fields, msg);
}

/**
 * A message Telegram took is safe from being sent twice only once it is in the send journal.
 * On the worker's main thread, polls and jobs kept Telegram's answer waiting for tens to hundreds
 * of milliseconds (p90 0.2 s in a chaos run), and a worker killed in that gap sent the card again
 * after its restart. So the sender runs on a thread of its own; an error there stops the process,
 * as it would on the main thread, and its replacement recovers the journal.
 */
export async function startSenderThread(
  settings: SenderThreadSettings,
  logger: Logger,
  metrics: Pick<MetricEvents, 'cardDelivered' | 'telegramFailed'>,
) {
  const worker = startModuleThread(new URL('./sender-thread.ts', import.meta.url), { settings });
  let running = true;
  worker.once('exit', () => (running = false));
  // errors arrive serialized already: written as they are, they keep their type and stack
  const threadLogger = logger.child({}, { serializers: { err: (error: unknown) => error } });
  worker.on('message', (message: ThreadMessage) => {
    if (message.type === 'log') relog(threadLogger, message.line);
    else if (message.type === 'card_delivered') metrics.cardDelivered(message.seconds);
    else if (message.type === 'telegram_failed') metrics.telegramFailed(message.code);
  });
  await nextMessage(worker, messageOfType('ready'));

  let stopping: Promise<void> | null = null;
  return {
    /** false once the thread has ended */
    running: () => running,
    /** finishes the sends in flight, then ends the thread */
    stop() {
      stopping ??= (async () => {
        const stopped = nextMessage(worker, messageOfType('stopped')).catch(() => undefined);
        worker.postMessage({ type: 'stop' } satisfies HostMessage);
        await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())]);
        await worker.terminate();
      })();
      return stopping;
    },
  };
}
