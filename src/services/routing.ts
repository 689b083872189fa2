import type { Models } from '#src/db/models/index.js';
import type { EventKind } from '#src/db/models/store.js';
import type { StoreRecord } from '#src/services/stores.js';

export interface Destination {
  chatId: number;
  threadId: number;
}

/**
 * S6: where a store's events go. Configured destinations win; without any, every team
 * member allowed to see the store gets them in a private chat.
 */
export async function destinationsFor(
  models: Models,
  store: StoreRecord,
  event: EventKind,
): Promise<Destination[]> {
  if (store.destinations.length > 0) {
    return store.destinations
      .filter((destination) => destination.events.includes(event))
      .map((destination) => ({ chatId: destination.chatId, threadId: destination.threadId ?? 0 }));
  }
  const members = await models.users
    .find({
      active: true,
      $or: [{ storeIds: { $size: 0 } }, { storeIds: String(store._id) }],
    })
    .lean();
  return members.map((member) => ({ chatId: member.telegramId, threadId: 0 }));
}
