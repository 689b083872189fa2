import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '#src/logger.js';
import { SANDBOX_DB_NAME, startSandbox, type Sandbox } from '#src/sandbox/sandbox.js';
import { createTestDatabase, type TestDatabase } from '#test/harness/db.js';

/** a terminal driven in-process: what is typed goes in, what the sandbox prints is collected */
function fakeTerminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
  return {
    input,
    output,
    type: (line: string) => input.write(`${line}\n`),
    get screen() {
      return screen;
    },
    /** what was printed after `mark` (a length of `screen`) once `pattern` shows there */
    async waitFor(pattern: RegExp, mark = 0, timeoutMs = 15_000): Promise<RegExpMatchArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = screen.slice(mark).match(pattern);
        if (match) return match;
        if (Date.now() > deadline) throw new Error(`the terminal never showed ${pattern}:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

let dataDir: string;
let database: TestDatabase;
let running: Sandbox[] = [];

async function launch(env: Record<string, string>, terminal = fakeTerminal(), dbName?: string) {
  const sandbox = await startSandbox({
    env: { LOG_LEVEL: 'silent', SANDBOX_TRAFFIC_MS: '600000', DATA_DIR: dataDir, ...env },
    input: terminal.input,
    output: terminal.output,
    logger: createLogger('silent'),
    ...(dbName ? { dbName } : {}),
  });
  running.push(sandbox);
  return { sandbox, terminal };
}

afterEach(async () => {
  for (const sandbox of running) await sandbox.stop();
  running = [];
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function prepare() {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'marketdesk-sandbox-'));
  database = await createTestDatabase(__filename);
}

describe('Sandbox: the terminal is the admin chat', { timeout: 60_000 }, () => {
  it('sends a typed command, numbers the buttons, taps one by its number and shows the edit', async () => {
    await prepare();
    const { terminal } = await launch(
      { MONGODB_URI: database.uri, DEFAULT_LOCALE: 'en' },
      undefined,
      database.dbName,
    );
    // the sandbox greets the bot as its admin, in DEFAULT_LOCALE
    await terminal.waitFor(/Hello, Sandbox admin!/);

    const mark = terminal.screen.length;
    terminal.type('/language');
    const [, number] = await terminal.waitFor(/\[(\d+)\] 🇺🇦 Українська/, mark);
    expect(terminal.screen.slice(mark)).toMatch(/Choose the interface language:/);

    const tapped = terminal.screen.length;
    terminal.type(number as string);
    await terminal.waitFor(/bot EDITED message \d+ ─+\nГотово, тепер я розмовляю українською\./, tapped);

    // the old keyboard is gone with the edit: its number taps nothing now
    const stale = terminal.screen.length;
    terminal.type(number as string);
    await terminal.waitFor(new RegExp(`there is no button \\[${number}\\] on screen`), stale);
  });

  it('keeps its encryption key in its folder, so a second run opens the stores the first one saved', async () => {
    await prepare();
    const first = await launch({ MONGODB_URI: database.uri }, undefined, database.dbName);
    const key = await readFile(path.join(dataDir, 'sandbox', 'encryption-key'), 'utf8');
    /** polls every store (a background poll may hold one) until `count` orders are stored */
    const ordersReach = async (sandbox: Sandbox, count: number) => {
      const deadline = Date.now() + 15_000;
      while ((await sandbox.app.models.orders.countDocuments()) < count) {
        if (Date.now() > deadline) throw new Error(`fewer than ${count} orders stored`);
        for (const store of await sandbox.app.models.stores.find().lean()) {
          await sandbox.app.services.orderSync.pollStore(String(store._id));
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return sandbox.app.models.orders.countDocuments();
    };
    // three new orders at the fake Prom, five at the fake Rozetka
    expect(await ordersReach(first.sandbox, 8)).toBe(8);
    await first.sandbox.stop();

    const second = await launch({ MONGODB_URI: database.uri }, undefined, database.dbName);
    expect(await readFile(path.join(dataDir, 'sandbox', 'encryption-key'), 'utf8')).toBe(key);
    expect(second.sandbox.config.encryptionKeys.map((k) => k.toString('base64'))).toEqual([key.trim()]);
    const stores = await second.sandbox.app.models.stores.find().lean();
    expect(stores.map((store) => store.name).sort()).toEqual(['Prom (sandbox)', 'Rozetka (sandbox)']);
    // a key that changed between runs fails here: "Unsupported state or unable to authenticate data";
    // and the new run's fake shops, empty again, number their orders past the first run's
    expect(await ordersReach(second.sandbox, 16)).toBe(16);
  });

  it('works on a database of its own and leaves the stores of the database in MONGODB_URI alone', async () => {
    await prepare();
    // the shop's real database, named in MONGODB_URI, with a real store the fake Prom would refuse
    const real = await mongoose.createConnection(database.uri, { dbName: database.dbName }).asPromise();
    await real.collection('stores').insertOne({ name: 'Real shop', marketplace: 'prom', status: 'active' });
    const { sandbox } = await launch({ MONGODB_URI: `${database.uri}${database.dbName}` });
    try {
      const deadline = Date.now() + 20_000;
      while ((await sandbox.app.models.stores.countDocuments({ lastSyncOkAt: { $ne: null } })) < 2) {
        if (Date.now() > deadline) throw new Error('the sandbox never synced its two stores');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(sandbox.app.connection.name).toBe(SANDBOX_DB_NAME);
      const realStores = await real.collection('stores').find().toArray();
      expect(realStores).toHaveLength(1);
      expect(realStores[0]).toMatchObject({ name: 'Real shop', status: 'active' });
    } finally {
      await sandbox.app.connection.dropDatabase();
      await real.close();
    }
  });
});
