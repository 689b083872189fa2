// A worker thread does not inherit the main thread's `--import tsx`: it registers tsx itself,
// then runs the module it was started for (`workerData.entry`).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
