import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWEEP_RETENTION } from '#src/jobs/retention.js';
import { startTestBed, type TestBed } from '#test/harness/app.js';

let bed: TestBed;

beforeAll(async () => {
  bed = await startTestBed(import.meta.filename);
});

afterAll(async () => {
  await bed?.close();
});

const DAY_MS = 24 * 60 * 60_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);

/** Seeded rows per collection: the ones the sweep must delete and the ones it must keep. */
const seeded = new Map<string, { gone: Types.ObjectId[]; kept: Types.ObjectId[] }>();

async function seed(collection: string, fate: 'gone' | 'kept', fields: Record<string, unknown>) {
  const _id = new Types.ObjectId();
  await bed.app.connection.collection(collection).insertOne({ _id, ...fields });
  const rows = seeded.get(collection) ?? { gone: [], kept: [] };
  rows[fate].push(_id);
  seeded.set(collection, rows);
}

const left = async (collection: string, ids: Types.ObjectId[]) =>
  (
    await bed.app.connection
      .collection(collection)
      .find({ _id: { $in: ids } })
      .toArray()
  ).map((row) => String(row._id));

describe('Bounded data: the retention job', () => {
  it('deletes exactly what outlived its retention and keeps live records and the shop data', async () => {
    const storeId = new Types.ObjectId();
    // operation log 30 days; resolved alerts go with it, open ones stay however old
    await seed('operation_log', 'gone', { storeId, kind: 'orders', at: daysAgo(31), ok: false });
    await seed('operation_log', 'kept', { storeId, kind: 'orders', at: daysAgo(29), ok: false });
    await seed('store_alerts', 'gone', {
      key: 'a1',
      storeId,
      resolvedAt: daysAgo(31),
      openedAt: daysAgo(32),
    });
    await seed('store_alerts', 'kept', { key: 'a2', storeId, resolvedAt: daysAgo(1), openedAt: daysAgo(40) });
    await seed('store_alerts', 'kept', { key: 'a3', storeId, resolvedAt: null, openedAt: daysAgo(400) });
    // delivered outbox entries 7 days; a pending one is never deleted
    const entry = (key: string, pending: boolean, updatedAt: Date) => ({
      key,
      kind: 'alert',
      chatId: 1,
      threadId: 0,
      version: 1,
      deliveredVersion: pending ? 0 : 1,
      pending,
      updatedAt,
    });
    await seed('outbox', 'gone', entry('o1', false, daysAgo(8)));
    await seed('outbox', 'kept', entry('o2', false, daysAgo(6)));
    await seed('outbox', 'kept', entry('o3', true, daysAgo(400)));
    // claims 7 days: Telegram update claims, expired leases, failed invite attempts
    await seed('telegram_updates', 'gone', { updateId: 1, receivedAt: daysAgo(8) });
    await seed('telegram_updates', 'kept', { updateId: 2, receivedAt: daysAgo(1) });
    await seed('leases', 'gone', { key: 'l1', owner: 'x', until: daysAgo(8) });
    await seed('leases', 'kept', { key: 'l2', owner: 'x', until: inDays(1) });
    await seed('invite_attempts', 'gone', { telegramId: 5, at: daysAgo(8) });
    await seed('invite_attempts', 'kept', { telegramId: 5, at: daysAgo(1) });
    // invites 90 days after they expired or were redeemed, their claims with them
    const invite = (code: string, expiresAt: Date, redeemedAt: Date | null) => ({
      code,
      state: 'ready',
      role: 'manager',
      createdBy: 1,
      expiresAt,
      redeemedAt,
    });
    await seed('invites', 'gone', invite('old-used', daysAgo(91), daysAgo(91)));
    await seed('invite_claims', 'gone', { code: 'old-used', telegramId: 7, at: daysAgo(91) });
    await seed('invites', 'gone', invite('old-unused', daysAgo(95), null));
    await seed('invites', 'kept', invite('recent-used', daysAgo(2), daysAgo(3)));
    await seed('invite_claims', 'kept', { code: 'recent-used', telegramId: 8, at: daysAgo(3) });
    await seed('invites', 'kept', invite('live', inDays(1), null));
    // status change records 90 days, abandoned reply drafts 30 days
    const orderId = new Types.ObjectId();
    await seed('order_status_history', 'gone', { orderId, from: 'a', to: 'b', at: daysAgo(91), by: 'x' });
    await seed('order_status_history', 'kept', { orderId, from: 'b', to: 'c', at: daysAgo(89), by: 'x' });
    await seed('reply_drafts', 'gone', {
      buyerMessageId: orderId,
      telegramId: 1,
      text: 't',
      updatedAt: daysAgo(31),
    });
    await seed('reply_drafts', 'kept', {
      buyerMessageId: orderId,
      telegramId: 1,
      text: 't',
      updatedAt: daysAgo(1),
    });
    // the shop's data is kept however old
    const ancient = { createdAt: daysAgo(4000), updatedAt: daysAgo(4000) };
    await seed('orders', 'kept', { storeId, marketplaceOrderId: 'old', placedAt: daysAgo(4000), ...ancient });
    await seed('customers', 'kept', { matchKey: 'old-buyer', ...ancient });
    await seed('products', 'kept', { storeId, marketplaceProductId: 'old', name: 'p', ...ancient });
    await seed('message_threads', 'kept', {
      storeId,
      threadKey: 'old',
      lastMessageAt: daysAgo(4000),
      ...ancient,
    });
    await seed('buyer_messages', 'kept', {
      storeId,
      marketplaceMessageId: 'old',
      sentAt: daysAgo(4000),
      ...ancient,
    });
    await seed('sent_replies', 'kept', { draftId: orderId, state: 'sent', at: daysAgo(4000) });

    await bed.app.agenda.now(SWEEP_RETENTION);
    const deadline = Date.now() + 10_000;
    const allGone = [...seeded].map(([collection, rows]) => [collection, rows.gone] as const);
    while ((await Promise.all(allGone.map(([c, ids]) => left(c, ids)))).some((rows) => rows.length > 0)) {
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    for (const [collection, rows] of seeded) {
      expect({ collection, left: await left(collection, rows.gone) }).toEqual({ collection, left: [] });
      expect({ collection, left: (await left(collection, rows.kept)).sort() }).toEqual({
        collection,
        left: rows.kept.map(String).sort(),
      });
    }
  });
});
