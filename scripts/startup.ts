import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import mongoose from 'mongoose';
import { FAKE_PROM_TOKEN, startFakeProm } from '#src/sandbox/fake-prom/server.js';
import { startFakeTelegram } from '#src/sandbox/fake-telegram/server.js';
import { appEnvFor, numberFromEnv, ownDatabaseUri, print, sleep, stopApp } from './lib/run.js';
import { openSeededShop } from './lib/team.js';

/**
 * `npm run startup` (after `npm run build`): how long the app takes from its launch to its first
 * poll of a store and to the first order card, and how much memory it holds then, started from source through tsx (today's
 * `npm start`) and compiled (`node dist/main.js`, the Docker image). STARTUP_RUNS (default 3)
 * runs of each, alternating, each on a fresh database of MONGODB_URI (or TEST_MONGODB_URI) with
 * one Prom store (polled every 15 s) and one new order, against the fake Prom and the fake Telegram.
 */
const RUNS = numberFromEnv('STARTUP_RUNS', 3);
const VARIANTS = {
  tsx: ['--import', 'tsx', 'src/main.ts'],
  compiled: ['dist/main.js'],
} as const;
type Variant = keyof typeof VARIANTS;

if (!existsSync('dist/main.js')) {
  process.stderr.write('run `npm run build` first: dist/main.js is missing\n');
  process.exit(1);
}

const prom = await startFakeProm();
const telegram = await startFakeTelegram();

const memoryMb = async (pid: number) => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const mb = (field: string) =>
    Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024);
  return { rssMb: mb('VmRSS'), peakRssMb: mb('VmHWM') };
};

const orderListings = () => prom.calls.filter((call) => call.path.startsWith('/orders')).length;

async function measure(variant: Variant) {
  const uri = ownDatabaseUri(`startup_${variant}`);
  const appEnv = appEnvFor({
    telegramUrl: telegram.url,
    mongodbUri: uri,
    promUrl: prom.url,
    logLevel: 'warn',
  });
  const shop = await openSeededShop(uri, appEnv, [{ marketplace: 'prom', token: FAKE_PROM_TOKEN }], 15);
  const managerChat = shop.seeded[0]!.managerId;
  prom.addOrder({ status: 'pending' });
  const listingsBefore = orderListings();
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...VARIANTS[variant]], {
    env: { ...process.env, ...appEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (orderListings() === listingsBefore) {
    if (child.exitCode !== null) throw new Error(`${variant}: the app exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${variant}: no poll within 120 s`);
    await sleep(5);
  }
  const firstPollMs = Math.round(performance.now() - startedAt);
  const atFirstPoll = await memoryMb(child.pid as number);
  // the order's card proves the whole path, the sender's worker thread included
  await telegram.waitFor(() => telegram.botMessages(managerChat).length > 0, 60_000);
  const firstCardMs = Math.round(performance.now() - startedAt);
  await sleep(5_000);
  const settled = await memoryMb(child.pid as number);
  await stopApp(child);
  await shop.connection.dropDatabase();
  await shop.connection.close();
  return {
    variant,
    firstCardMs,
    firstPollMs,
    rssAtFirstPollMb: atFirstPoll.rssMb,
    rssAfter5sMb: settled.rssMb,
    peakRssMb: settled.peakRssMb,
  };
}

const results: Awaited<ReturnType<typeof measure>>[] = [];
for (let run = 0; run < RUNS; run++) {
  for (const variant of Object.keys(VARIANTS) as Variant[]) {
    const result = await measure(variant);
    print({ figure: 'startup_run', run: run + 1, ...result });
    results.push(result);
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
for (const variant of Object.keys(VARIANTS) as Variant[]) {
  const mine = results.filter((result) => result.variant === variant);
  print({
    figure: 'startup_median',
    variant,
    runs: mine.length,
    firstPollMs: median(mine.map((r) => r.firstPollMs)),
    firstCardMs: median(mine.map((r) => r.firstCardMs)),
    rssAtFirstPollMb: median(mine.map((r) => r.rssAtFirstPollMb)),
    rssAfter5sMb: median(mine.map((r) => r.rssAfter5sMb)),
    peakRssMb: median(mine.map((r) => r.peakRssMb)),
  });
}
await Promise.all([prom.close(), telegram.close()]);
await mongoose.disconnect();
