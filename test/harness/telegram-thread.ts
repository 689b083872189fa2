import type { ApiCall } from '#src/sandbox/fake-telegram/server.js';
import { nextMessage, startModuleThread } from '#src/threads.js';

export type TelegramThreadRequest = 'calls' | 'close';
type CallTimes = Pick<ApiCall, 'method' | 'chatId' | 'at'>[];
export type TelegramThreadReply = { url: string } | { calls: CallTimes } | { closed: true };

/**
 * The fake Telegram on a thread of its own, so it keeps answering while a test holds the main
 * thread busy (what a worker's polls and jobs do to it).
 */
export async function startFakeTelegramThread() {
  const thread = startModuleThread(new URL('./telegram-thread-main.ts', import.meta.url), {});
  const next = <K extends string>(key: K) =>
    nextMessage(
      thread,
      (reply): reply is Extract<TelegramThreadReply, Record<K, unknown>> =>
        typeof reply === 'object' && reply !== null && key in reply,
    );
  const { url } = await next('url');
  const ask = <K extends string>(request: TelegramThreadRequest, key: K) => {
    const reply = next(key);
    thread.postMessage(request);
    return reply;
  };
  return {
    url,
    /** when each method was called, as the fake saw it */
    calls: async () => (await ask('calls', 'calls')).calls,
    async close() {
      await ask('close', 'closed');
      await thread.terminate();
    },
  };
}
