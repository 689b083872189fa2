import { Worker } from 'node:worker_threads';

const BOOT = new URL('./thread-boot.mjs', import.meta.url);

/** a worker thread running the TypeScript module at `entry`; `data` is copied to its `workerData` */
export const startModuleThread = (entry: URL, data: Record<string, unknown>) =>
  new Worker(BOOT, { workerData: { ...data, entry: entry.href } });
