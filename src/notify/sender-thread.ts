import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Api } from 'grammy';
import { createI18n } from '#src/bot/i18n.js';
import { connectDatabase } from '#src/db/connect.js';
import { modelsFor } from '#src/db/models/index.js';
import { createLogger } from '#src/logger.js';
import { createCardContext, outboxRenderers } from '#src/notify/outbox-renderers.js';
import { createSendPacer } from '#src/notify/rate-limiter.js';
import { createSendJournal } from '#src/notify/send-journal.js';
import type { HostMessage, SenderThreadSettings, ThreadMessage } from '#src/notify/sender-host.js';
import { createOutboxSender } from '#src/notify/sender.js';
import { countTelegramFailures } from '#src/ops/metrics.js';

/** J5: this many new cards waiting for one group become one digest message */
const GROUP_DIGEST_THRESHOLD = 8;
/** entries in flight at once; each needs at most one database connection at a time */
const SENDER_LOOPS = 12;

/**
 * The outbox sender, run on a thread of its own by `startSenderThread`: here nothing but sending
 * competes for the event loop, so Telegram's answer is journaled moments after it arrives.
 */
if (!parentPort) throw new Error('the sender thread runs only as a worker thread');
const port = parentPort;
const post = (message: ThreadMessage) => port.postMessage(message);
const settings = (workerData as { settings: SenderThreadSettings }).settings;

const logger = createLogger(
  settings.logLevel,
  {},
  { write: (line: string) => post({ type: 'log', line }) },
).child({ part: 'sender' });
const db = await connectDatabase(
  {
    uri: settings.mongodbUri,
    dataDir: settings.dataDir,
    ...(settings.dbName ? { dbName: settings.dbName } : {}),
    maxPoolSize: SENDER_LOOPS,
  },
  logger,
);
const models = modelsFor(db.connection);
const cards = createCardContext(models, createI18n(settings.defaultLocale), settings);
const renderers = outboxRenderers(cards);
const api = new Api(settings.botToken, { apiRoot: settings.telegramApiRoot });
api.config.use(countTelegramFailures((code) => post({ type: 'telegram_failed', code })));
const sender = createOutboxSender({
  models,
  api,
  pacer: createSendPacer(),
  render: renderers.render,
  digest: { threshold: GROUP_DIGEST_THRESHOLD, render: renderers.digest },
  journal: createSendJournal(path.join(settings.dataDir, 'send-journal'), logger),
  logger,
  firstCardDelivered: (seconds) => post({ type: 'card_delivered', seconds }),
  workers: SENDER_LOOPS,
});
await sender.recover();
sender.start();

port.on('message', (message: HostMessage) => {
  if (message.type !== 'stop') return;
  void (async () => {
    await sender.stop();
    await db.close();
    post({ type: 'stopped' });
  })();
});
post({ type: 'ready' });
