import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '#src/app.js';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { ADMIN, FAST_HTTP, startTestBed, type TestBed } from '#test/harness/app.js';

let bed: TestBed | undefined;
let prom: FakeProm | undefined;
const others: App[] = [];

afterEach(async () => {
  for (const app of others.splice(0)) await app.stop();
  await bed?.close();
  await prom?.close();
  bed = undefined;
  prom = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('waited too long');
    await sleep(200);
  }
}

async function startWith(env: Record<string, string>, pollOnStart = false) {
  prom = await startFakeProm({ seed: 17 });
  bed = await startTestBed(import.meta.filename, {
    env: { PROM_API_URL: prom.url, ...env },
    services: { httpOptions: FAST_HTTP },
    pollOnStart,
  });
  return { bed, prom };
}

async function health(app: App) {
  const response = await fetch(`http://127.0.0.1:${app.port}/healthz`);
  return {
    status: response.status,
    body: (await response.json()) as { status: string; checks: Record<string, string> },
  };
}

async function metrics(app: App) {
  const response = await fetch(`http://127.0.0.1:${app.port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** the value of one sample line, e.g. `marketdesk_telegram_429_total` or `…{marketplace="prom"}` */
function sample(text: string, name: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : null;
}

describe('J7 operator view: /healthz and /metrics', () => {
  it('a worker reports its database, poll loop, job processor and sender, and counts cards, 429s, poll lag and sync failures', async () => {
    const { bed, prom } = await startWith({ ROLE: 'worker' }, true);
    const app = bed.app;
    expect(await health(app)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'ok', polls: 'ok', jobs: 'ok', sender: 'ok' } },
    });

    bed.telegram.faults.failNext({ kind: 'rate_limit', retryAfterSeconds: 1, pathIncludes: '/sendMessage' });
    const store = await app.services.stores.create({
      name: 'Метрики',
      credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
    });
    await app.models.stores.updateOne(
      { _id: store._id },
      { $set: { destinations: [{ chatId: ADMIN.id, threadId: 0, events: ['new_order'] }] } },
    );
    await app.services.stores.create({
      name: 'Чужий токен',
      credentials: { marketplace: 'prom', token: 'not-a-token-fake-prom-knows' },
    });
    prom.addOrders(2, { status: 'pending' });
    app.startPolling();
    await waitUntil(async () => sample(await metrics(app), 'marketdesk_card_latency_seconds_count') === 2);

    const text = await metrics(app);
    expect(sample(text, 'marketdesk_telegram_429_total')).toBe(1);
    expect(sample(text, 'marketdesk_sync_failures_total{marketplace="prom"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'marketdesk_order_polls_total{outcome="changed"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'marketdesk_order_polls_total{outcome="failed"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'marketdesk_db_commands_total{command="insert"}')).toBeGreaterThan(0);
    expect(sample(text, 'marketdesk_db_commands_total{command="find"}')).toBeGreaterThan(0);
    expect(sample(text, 'marketdesk_poll_lag_seconds{marketplace="prom"}')).toBe(0);
    expect(sample(text, 'marketdesk_outbox_backlog')).toBe(0);
    // the first card waited out the 429's second
    expect(sample(text, 'marketdesk_card_latency_seconds_bucket{le="0.5"}')).toBeLessThan(2);
    expect(text).toMatch(/^marketdesk_process_resident_memory_bytes \d+/m);

    await app.sender?.stop();
    expect(await health(app)).toMatchObject({
      status: 503,
      body: {
        status: 'failing',
        checks: { database: 'ok', polls: 'ok', sender: 'the sender thread has stopped' },
      },
    });
  });

  it('a bot reports its database and Telegram, and counts the 429s its replies met', async () => {
    const { bed } = await startWith({ ROLE: 'bot' });
    const app = bed.app;
    bed.telegram.faults.setRate(1, ['http502'], ['/getMe']);
    expect(await health(app)).toEqual({
      status: 503,
      body: { status: 'failing', checks: { database: 'ok', telegram: 'refused: Bad Gateway' } },
    });
    bed.telegram.faults.clear();
    expect(await health(app)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'ok', telegram: 'ok' } },
    });

    bed.telegram.faults.failNext({ kind: 'rate_limit', retryAfterSeconds: 1, pathIncludes: '/sendMessage' });
    bed.telegram.sendText(ADMIN, '/start');
    await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length > 0);
    const text = await metrics(app);
    expect(sample(text, 'marketdesk_telegram_429_total')).toBe(1);
    expect(sample(text, 'marketdesk_outbox_backlog')).toBe(0);
  });

  it('in webhook mode the same port serves Telegram, /healthz and /metrics', async () => {
    const { bed } = await startWith({ ROLE: 'bot' });
    const hooked = await bed.launchAnother({
      env: {
        BOT_MODE: 'webhook',
        WEBHOOK_URL: 'https://shop.example/telegram/hook',
        WEBHOOK_SECRET: 'webhook-secret-for-tests_123',
        ROLE: 'bot',
      },
    });
    others.push(hooked);
    expect((await health(hooked)).status).toBe(200);
    expect(await metrics(hooked)).toContain('marketdesk_outbox_backlog');
    const refused = await fetch(`http://127.0.0.1:${hooked.port}/telegram/hook`, {
      method: 'POST',
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${hooked.port}/elsewhere`)).status).toBe(404);
  });
});
