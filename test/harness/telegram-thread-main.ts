import { parentPort } from 'node:worker_threads';
import { startFakeTelegram } from '#src/sandbox/fake-telegram/server.js';
import type { TelegramThreadReply, TelegramThreadRequest } from '#test/harness/telegram-thread.js';

if (!parentPort) throw new Error('runs only as a worker thread');
const port = parentPort;
const post = (reply: TelegramThreadReply) => port.postMessage(reply);
const telegram = await startFakeTelegram();

port.on('message', (request: TelegramThreadRequest) => {
  if (request === 'calls') {
    post({ calls: telegram.calls.map(({ method, chatId, at }) => ({ method, chatId, at })) });
    return;
  }
  void telegram.close().then(() => post({ closed: true }));
});
post({ url: telegram.url });
