import { findEach } from '#src/db/find-each.js';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { DigestNotice } from '#src/services/notices.js';
import { enqueueMessage, isEnqueued } from '#src/services/outbox.js';
import { lastQuietWindow, quietWindowOf, type QuietWindow } from '#src/services/quiet-hours.js';
import { TEAM_CHATS } from '#src/services/routing.js';

/** a digest still goes out this long after its window ended (the bot was down at the time) */
const DIGEST_GRACE_MS = 2 * 60 * 60_000;

interface QuietChat extends QuietWindow {
  chatId: number;
  threadId: number;
}

/**
 * S7 morning digest: when a destination's quiet window ends, one message lists the orders
 * whose cards reached it during the window, per store. Keyed by (chat, window end), so a
 * second run or a second instance sends nothing more.
 */
export function createQuietDigest(models: Models, timeZone: string) {
  async function quietChats(): Promise<QuietChat[]> {
    const chats = new Map<string, QuietChat>();
    // a handful of stores: filtered here, since "some destination has a window" reads
    // differently on MongoDB and FerretDB as a query on an array
    const stores = await models.stores.find().lean();
    for (const store of stores) {
      for (const destination of store.destinations) {
        const window = quietWindowOf(destination);
        if (!window || destination.chatId === TEAM_CHATS) continue;
        const threadId = destination.threadId ?? 0;
        chats.set(`${destination.chatId}:${threadId}`, { chatId: destination.chatId, threadId, ...window });
      }
    }
    const members = await models.users.find({ active: true, quietFrom: { $ne: null } }).lean();
    for (const member of members) {
      const window = quietWindowOf(member);
      if (window) chats.set(`${member.telegramId}:0`, { chatId: member.telegramId, threadId: 0, ...window });
    }
    return [...chats.values()];
  }

  async function digestFor(chat: QuietChat, start: Date, end: Date): Promise<DigestNotice | null> {
    const entries = await models.outbox
      .find({
        kind: 'order_card',
        chatId: chat.chatId,
        threadId: chat.threadId,
        createdAt: { $gte: start, $lt: end },
      })
      .lean();
    if (entries.length === 0) return null;
    const orders = (
      await findEach<OrderDoc>(
        models.orders,
        '_id',
        entries.map((entry) => entry.orderId),
      )
    ).sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
    const stores = await models.stores
      .find({ _id: { $in: [...new Set(orders.map((o) => o.storeId))] } })
      .lean();
    return {
      from: chat.from,
      to: chat.to,
      stores: stores
        .map((store) => ({
          name: store.name,
          orders: orders.filter((o) => String(o.storeId) === String(store._id)).map((o) => o.number),
        }))
        .filter((store) => store.orders.length > 0),
    };
  }

  return {
    async sendDue(now = new Date()): Promise<number> {
      let sent = 0;
      for (const chat of await quietChats()) {
        const { start, end } = lastQuietWindow(chat, now, timeZone);
        if (now.getTime() - end.getTime() > DIGEST_GRACE_MS) continue;
        const subject = `${chat.chatId}:${chat.threadId}:${end.getTime()}`;
        if (await isEnqueued(models, 'digest', subject, chat)) continue;
        const digest = await digestFor(chat, start, end);
        if (!digest) continue;
        await enqueueMessage(models, 'digest', subject, digest, [
          { chatId: chat.chatId, threadId: chat.threadId },
        ]);
        sent++;
      }
      return sent;
    },
  };
}

export type QuietDigest = ReturnType<typeof createQuietDigest>;
