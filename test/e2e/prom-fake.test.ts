import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';

let fake: FakeProm;

async function call(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = init.token === undefined ? FAKE_PROM_TOKEN : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${fake.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: response.status, type, body };
}

const sinceHourAgo = () => new Date(Date.now() - 3600_000).toISOString().slice(0, 19);

beforeEach(async () => {
  fake = await startFakeProm({ seed: 3 });
});
afterEach(async () => {
  await fake.close();
});

describe('Sandbox — fake Prom API follows the real rules', () => {
  it('answers unknown paths with an HTML 404 and bad tokens with 401', async () => {
    const unknown = await call('/orders/edit');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain('text/html');
    expect((await call('/orders/list', { token: 'stale' })).status).toBe(401);
    expect((await call('/orders/list', { token: null })).status).toBe(401);
  });

  it('returns an empty list for toISOString() dates, unless switched to accept them', async () => {
    fake.addOrders(3);
    const iso = new Date(Date.now() - 3600_000).toISOString();
    expect((await call(`/orders/list?last_modified_from=${sinceHourAgo()}`)).body.orders).toHaveLength(3);
    expect((await call(`/orders/list?last_modified_from=${iso}`)).body).toEqual({ orders: [] });
    expect((await call('/orders/list?last_modified_from=yesterday')).body).toEqual({
      error: 'Invalid date format: last_modified_from',
    });
    fake.behaviour.isoQueryDates = 'accept';
    expect((await call(`/orders/list?last_modified_from=${iso}`)).body.orders).toHaveLength(3);
  });

  it('caps limit at 100 and rejects an unknown status filter with 200 + error', async () => {
    fake.addOrders(120);
    expect((await call('/orders/list?limit=1000')).body.orders).toHaveLength(100);
    const badStatus = await call('/orders/list?status=accepted');
    expect(badStatus.status).toBe(200);
    expect(badStatus.body).toEqual({ error: 'Invalid status value: accepted' });
  });

  it('treats last_id as "no higher than", switchable to exclusive', async () => {
    const [a, b, c] = fake.addOrders(3).map((order) => order.id) as [number, number, number];
    const ids = async () =>
      ((await call(`/orders/list?last_id=${b}`)).body.orders as { id: number }[]).map((order) => order.id);
    expect(await ids()).toEqual([b, a]);
    fake.behaviour.lastIdBoundary = 'exclusive';
    expect(await ids()).toEqual([a]);
    expect(c).toBeGreaterThan(b);
  });

  it('enforces set_status rules: writable statuses, reasons, texts, unknown fields', async () => {
    const { id } = fake.addOrder({ status: 'pending' });
    const setStatus = async (body: unknown) =>
      (await call('/orders/set_status', { method: 'POST', body })).body;
    expect(await setStatus({ ids: [id], status: 'accepted' })).toEqual({
      error: 'This status value is not allowed',
    });
    expect(await setStatus({ ids: [id], status: 'pending' })).toEqual({
      error: 'This status value is not allowed',
    });
    expect(await setStatus({ ids: [id], status: 'canceled' })).toEqual({
      error: 'This status value is not allowed',
    });
    expect(await setStatus({ ids: [id], status: 'canceled', cancellation_reason: 'price_changed' })).toEqual({
      errors: { cancellation_text: ['Missing data for required field.'] },
    });
    expect(await setStatus({ ids: [id], status: 'received', order_id: id })).toEqual({
      errors: { order_id: ['Unknown field.'] },
    });
    expect(await setStatus({ ids: [id, 1], status: 'received' })).toEqual({ processed_ids: [id] });
    expect(await setStatus({ ids: [id], status: 'received' })).toEqual({ processed_ids: [] });
    fake.behaviour.writableStatuses.push('pending');
    expect(await setStatus({ ids: [id], status: 'pending' })).toEqual({ processed_ids: [] });
  });

  it('bumps date_modified on every change', async () => {
    const order = fake.addOrder();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = fake.updateOrder(order.id, { client_notes: 'Нова примітка' });
    expect(updated.date_created).toBe(order.date_created);
    expect(updated.client_notes).toBe('Нова примітка');
    expect(Date.parse(updated.date_modified)).toBeGreaterThan(Date.parse(order.date_modified));
  });

  it('chat: envelopes, 2000-char limit, room required, disabled chat', async () => {
    const message = fake.addChatMessage();
    const history = await call('/chat/messages_history?status=new&project=promua');
    expect(history.body).toMatchObject({
      status: 'ok',
      data: { messages: [{ id: message.id, is_sender: false }] },
    });
    const send = (body: string, room = message.roomIdent) =>
      call('/chat/send_message', { method: 'POST', body: { room_ident: room, body, project: 'promua' } });
    expect((await send('x'.repeat(2001))).body).toEqual({
      status: 'error',
      message: 'body: Longer than maximum length 2000.',
    });
    expect((await send('Добрий день', '1_2_buyer')).body).toEqual({
      status: 'error',
      message: 'Room not found',
    });
    expect((await send('Добрий день')).body).toMatchObject({
      status: 'ok',
      data: { message_id: message.id + 1 },
    });
    expect((await call('/chat/rooms?limit=50')).body).toMatchObject({
      status: 'ok',
      data: { rooms: [{ ident: message.roomIdent }] },
    });
    fake.behaviour.chatEnabled = false;
    expect((await call('/chat/rooms')).body).toEqual({ status: 'error', message: 'Chat is disabled' });
  });

  it('TTN: a second declaration for an order, the same or another, gets the "already added" error', async () => {
    const { id } = fake.addOrder();
    const save = (declaration: string) =>
      call('/delivery/save_declaration_id', {
        method: 'POST',
        body: { order_id: id, declaration_id: declaration, delivery_type: 'nova_poshta' },
      });
    const alreadyAdded = { status: 'error', message: 'Этот ЭН уже добавлен к данному заказу' };
    expect((await save('20450000000000')).body).toEqual({ status: 'ok' });
    expect((await save('20450000000000')).body).toEqual(alreadyAdded);
    expect((await save('20450000000099')).body).toEqual(alreadyAdded);
    expect(fake.getOrder(id)?.delivery_provider_data?.declaration_number).toBe('20450000000000');
  });

  it('products: the plain list is capped at the root group under that live reading; /groups/list leaves the root out', async () => {
    fake.addProducts(120);
    const groupsOf = (body: Record<string, unknown>) =>
      new Set((body.products as { group: { id: number } }[]).map((product) => product.group.id));
    expect(groupsOf((await call('/products/list?limit=100')).body).size).toBeGreaterThan(1);
    fake.behaviour.productsWithoutGroup = 'root_group';
    expect(groupsOf((await call('/products/list?limit=100')).body)).toEqual(new Set([5000]));
    const { groups } = (await call('/groups/list')).body as { groups: { id: number }[] };
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.map((group) => group.id)).not.toContain(5000);
    const grouped = (await call(`/products/list?group_id=${groups[0]?.id}`)).body;
    expect(groupsOf(grouped)).toEqual(new Set([groups[0]?.id]));
  });

  it('answers 429 past the burst limit', async () => {
    await fake.close();
    fake = await startFakeProm({ burstLimitPerSecond: 3 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call('/orders/list')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe('Sandbox — fake Prom generator', () => {
  it('is deterministic for a seed and a clock, with Prom-style money strings', async () => {
    const now = () => new Date('2026-09-30T10:15:04.523Z');
    const first = await startFakeProm({ seed: 11, now });
    const second = await startFakeProm({ seed: 11, now });
    try {
      const a = first.addOrders(5);
      const b = second.addOrders(5);
      expect(a).toEqual(b);
      expect(first.addChatMessage()).toEqual(second.addChatMessage());
      for (const order of a) {
        expect(order.price).toMatch(/^\d{1,3}([ \u00a0\u202f]\d{3})*(,\d{2})? грн$/);
        expect(order.products[0]?.name_multilang.uk).toBeTruthy();
        expect(order.status).toBe(order.payment_data ? 'paid' : 'pending');
      }
      expect(a[0]?.date_created).toBe('2026-09-30T10:15:04.523000+00:00');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('generates sandbox traffic: orders that get paid a moment later, chats and legacy messages', async () => {
    const stop = fake.startTraffic({ everyMs: 2, paymentDelayMs: 5 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { orders, chatMessages, legacyMessages } = fake.state;
    expect(orders.size + chatMessages.size + legacyMessages.size).toBeGreaterThan(10);
    expect([...orders.values()].some((order) => order.json.status === 'paid')).toBe(true);
    // what real orders carry beyond the documented lists (prom-api.md Corrections 3)
    expect([...orders.values()].some((order) => /^custom-\d+$/.test(order.json.status))).toBe(true);
    expect([...orders.values()].some((order) => order.json.source === 'mobile_catalog_app')).toBe(true);
    expect(
      [...orders.values()].every(
        (order) => order.json.status !== 'paid' || order.modifiedAt > order.createdAt,
      ),
    ).toBe(true);
  });
});
