import { Worker } from 'node:worker_threads';

/** run from source (tsx, vitest) this file is threads.ts; compiled (`npm run build`) it is threads.js */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const BOOT = new URL('./thread-boot.mjs', import.meta.url);

/**
 * a worker thread running the TypeScript module at `entry`, or its compiled `.js` beside this
 * file's when compiled; `data` is copied to its `workerData`
 */
export const startModuleThread = (entry: URL, data: Record<string, unknown>) =>
  FROM_SOURCE
    ? new Worker(BOOT, { workerData: { ...data, entry: entry.href } })
    : new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), { workerData: data });

/** the thread's first message that `matches`; rejected if the thread fails or ends before it */
export function nextMessage<T>(thread: Worker, matches: (message: unknown) => message is T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const take = (message: unknown) => {
      if (!matches(message)) return;
      settle();
      resolve(message);
    };
    const failed = (error: Error) => {
      settle();
      reject(error);
    };
    const ended = (code: number) => failed(new Error(`the thread ended (exit code ${code})`));
    const settle = () => thread.off('message', take).off('error', failed).off('exit', ended);
    thread.on('message', take).once('error', failed).once('exit', ended);
  });
}
