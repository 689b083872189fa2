import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '#src/app.js';
import type { Logger } from '#src/logger.js';
import { ADMIN, startTestBed, type TestBed } from '#test/harness/app.js';
import { memoryLogger } from '#test/harness/bad-input.js';

let bed: TestBed | undefined;
const others: App[] = [];

afterEach(async () => {
  for (const app of others.splice(0)) await app.stop();
  await bed?.close();
  bed = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startWith(env: Record<string, string>, logger?: Logger) {
  bed = await startTestBed(import.meta.filename, { env, ...(logger ? { logger } : {}) });
  return { bed };
}

async function launch(env: Record<string, string>, logger?: Logger) {
  if (!bed) throw new Error('no test bed');
  const app = await bed.launchAnother({ env, ...(logger ? { logger } : {}) });
  others.push(app);
  return app;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('Running it: one getUpdates poller', () => {
  it('a second poller gets 409, logs it once and waits; the first keeps answering', async () => {
    const first = memoryLogger('info');
    const { bed } = await startWith({}, first.logger);
    const second = memoryLogger('info');
    await launch({ ROLE: 'bot' }, second.logger);
    await bed.telegram.waitFor(() => bed.telegram.conflicts >= 1, 5_000);
    await sleep(2_500); // the second retries after 1 s, then 2 s: still refused
    expect(bed.telegram.conflicts).toBeGreaterThanOrEqual(2);

    bed.telegram.sendText(ADMIN, '/start');
    await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length > 0);
    await sleep(500);
    expect(bed.telegram.botMessages(ADMIN.id)).toHaveLength(1);
    // like the real Bot API, the fake refuses whichever poll comes second, so under load the two
    // may swap once; either way each instance says it once, not once per retry
    const conflictLines = (lines: { msg: string }[]) => lines.filter((l) => l.msg.includes('409 Conflict'));
    expect(
      conflictLines(second.records()).length + conflictLines(first.records()).length,
    ).toBeGreaterThanOrEqual(1);
    expect(conflictLines(second.records()).length).toBeLessThanOrEqual(1);
    expect(conflictLines(first.records()).length).toBeLessThanOrEqual(1);
    expect(second.records().filter((l) => l.level >= 50)).toEqual([]);
    expect(first.records().filter((l) => l.level >= 50)).toEqual([]);
  });
});

describe('Running it: webhook', () => {
  const SECRET = 'webhook-secret-for-tests_123';

  async function startWebhookBed() {
    const ports = [await freePort(), await freePort()];
    const urls = ports.map((port) => `http://127.0.0.1:${port}/telegram/hook`);
    const env = (i: number) => ({
      BOT_MODE: 'webhook',
      WEBHOOK_URL: urls[i] as string,
      WEBHOOK_SECRET: SECRET,
      PORT: String(ports[i]),
    });
    const { bed } = await startWith(env(0));
    await launch({ ...env(1), ROLE: 'bot' });
    return { bed, urls: urls as [string, string] };
  }

  const post = (url: string, body: unknown, secret?: string) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}),
      },
      body: JSON.stringify(body),
    });

  it('refuses a call without the right secret token', async () => {
    const { bed, urls } = await startWebhookBed();
    const update = bed.telegram.sendText(ADMIN, '/start');
    expect((await post(urls[0], update)).status).toBe(401);
    expect((await post(urls[0], update, 'not-the-secret-at-all')).status).toBe(401);
    await sleep(500);
    expect(bed.telegram.botMessages(ADMIN.id)).toHaveLength(0);
    expect((await post(urls[0], update, SECRET)).status).toBe(200);
    await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length === 1);
  });

  it('handles an update Telegram sends twice, to two instances, once', async () => {
    const { bed, urls } = await startWebhookBed();
    // a claim from three days ago: Telegram re-sends for a day at most, so it is swept on insert
    const THREE_DAYS_MS = 3 * 24 * 60 * 60_000;
    await bed.app.models.telegramUpdates.create({
      updateId: 999_999,
      receivedAt: new Date(Date.now() - THREE_DAYS_MS),
    });
    const update = bed.telegram.sendText(ADMIN, '/start');
    const answers = await Promise.all([post(urls[0], update, SECRET), post(urls[1], update, SECRET)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length > 0);
    expect((await post(urls[1], update, SECRET)).status).toBe(200);
    await sleep(700);
    expect(bed.telegram.botMessages(ADMIN.id)).toHaveLength(1);

    const next = bed.telegram.sendText(ADMIN, '/start');
    await post(urls[1], next, SECRET);
    await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length === 2);
    const claimed = await bed.app.models.telegramUpdates.find().sort({ updateId: 1 }).lean();
    expect(claimed.map((row) => row.updateId)).toEqual([update.update_id, next.update_id]);
  });
});
