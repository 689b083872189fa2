import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '#src/sandbox/fake-telegram/server.js';
import { TEST_BOT_TOKEN } from '#test/harness/app.js';
import { runEntryPoint, type EntryPointRun } from '#test/harness/entry-point.js';

const STARTUP_LIMIT_MS = 30_000;
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

let telegram: FakeTelegram | undefined;
let silent: { server: Server; sockets: Socket[] } | undefined;

afterEach(async () => {
  await telegram?.close();
  telegram = undefined;
  for (const socket of silent?.sockets ?? []) socket.destroy();
  await new Promise((resolve) => (silent ? silent.server.close(resolve) : resolve(undefined)));
  silent = undefined;
});

/** a TCP port nothing listens on */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** a server that takes connections and never answers, like a firewall that drops packets */
async function silentServer(): Promise<{ url: string; connected: Promise<void> }> {
  const sockets: Socket[] = [];
  let connected!: () => void;
  const firstConnection = new Promise<void>((resolve) => (connected = resolve));
  const server = createServer((socket) => {
    sockets.push(socket);
    connected();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  silent = { server, sockets };
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    connected: firstConnection,
  };
}

const baseEnv = (extra: Record<string, string>) => ({
  BOT_TOKEN: TEST_BOT_TOKEN,
  LOG_LEVEL: 'info',
  PORT: '0',
  ...extra,
});

/** exit status 1 within 30 s, and exactly one plain line on stderr that matches */
function expectPlainFailure(run: EntryPointRun, line: RegExp) {
  expect(run.status).toBe(1);
  expect(run.ms).toBeLessThan(STARTUP_LIMIT_MS);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^MarketDesk cannot start: /);
  expect(lines[0]).toMatch(line);
  expect(run.stderr + run.stdout).not.toMatch(STACK_LINE);
}

// the 30 s the product promises is asserted on each run; the runner's own limit leaves room for a busy machine
describe('Running it — start-up failures end in one plain line', { timeout: 60_000 }, () => {
  it('Telegram unreachable', async () => {
    const run = await runEntryPoint(
      baseEnv({
        TELEGRAM_API_ROOT: `http://127.0.0.1:${await closedPort()}`,
        MONGODB_URI: 'mongodb://127.0.0.1:1/',
      }),
    );
    expectPlainFailure(
      run,
      /Telegram is unreachable at http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\): check/,
    );
    expect(run.stdout + run.stderr).not.toContain(TEST_BOT_TOKEN.split(':')[1]);
  });

  it('token refused by Telegram', async () => {
    telegram = await startFakeTelegram({ token: '987654321:the-token-botfather-really-gave-out' });
    const run = await runEntryPoint(baseEnv({ TELEGRAM_API_ROOT: telegram.url }));
    expectPlainFailure(
      run,
      /Telegram refused the bot token \(Unauthorized\): copy BOT_TOKEN again from @BotFather/,
    );
    expect(run.stdout + run.stderr).not.toContain(TEST_BOT_TOKEN.split(':')[1]);
  });

  it('database unreachable', async () => {
    telegram = await startFakeTelegram();
    const port = await closedPort();
    const run = await runEntryPoint(
      baseEnv({ TELEGRAM_API_ROOT: telegram.url, MONGODB_URI: `mongodb://shop:hunter2@127.0.0.1:${port}/` }),
    );
    expectPlainFailure(
      run,
      new RegExp(
        `the database at 127\\.0\\.0\\.1:${port} did not answer within 10 s .*check that MongoDB runs there`,
      ),
    );
    expect(run.stdout + run.stderr).not.toContain('hunter2');
  });

  it('database address that cannot be read', async () => {
    telegram = await startFakeTelegram();
    const run = await runEntryPoint(
      baseEnv({ TELEGRAM_API_ROOT: telegram.url, MONGODB_URI: 'mongodb://shop:hunter2@db.local:port/' }),
    );
    expectPlainFailure(run, /MONGODB_URI is not a usable MongoDB address \(.+\): it looks like mongodb:\/\//);
    expect(run.stdout + run.stderr).not.toContain('hunter2');
  });

  it('embedded database download failed', async () => {
    telegram = await startFakeTelegram();
    const downloadDir = mkdtempSync(path.join(tmpdir(), 'md-mongod-'));
    const run = await runEntryPoint(
      baseEnv({
        TELEGRAM_API_ROOT: telegram.url,
        MONGOMS_DOWNLOAD_MIRROR: `https://127.0.0.1:${await closedPort()}`,
        MONGOMS_DOWNLOAD_DIR: downloadDir,
      }),
    );
    expectPlainFailure(
      run,
      /the embedded MongoDB could not be downloaded \(.+\): set MONGODB_URI to your MongoDB, or allow the download$/,
    );
    expect(readdirSync(downloadDir).filter((name) => !name.endsWith('.lock'))).toEqual([]);
  });

  it.each([
    ['SIGINT', 'pretty'],
    ['SIGTERM', 'json'],
  ] as const)('%s while start-up waits for Telegram ends the process (%s log)', async (signal, format) => {
    const telegramThatHangs = await silentServer();
    let signalledAt = 0;
    const run = await runEntryPoint(
      baseEnv({
        TELEGRAM_API_ROOT: telegramThatHangs.url,
        MONGODB_URI: 'mongodb://127.0.0.1:1/',
        LOG_FORMAT: format,
      }),
      (child) =>
        void telegramThatHangs.connected.then(() => {
          signalledAt = Date.now();
          child.kill(signal);
        }),
    );
    expect(signalledAt).toBeGreaterThan(0);
    expect(run.status).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
    expect(run.stderr).toBe('');
    if (format === 'pretty') {
      expect(run.stdout).toMatch(/^\[[\d:.]+\] INFO: start-up interrupted\n {4}signal: "SIGINT"\n$/);
    } else {
      expect(JSON.parse(run.stdout)).toMatchObject({ level: 30, msg: 'start-up interrupted', signal });
    }
  });
});
