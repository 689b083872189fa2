import type { Models } from '#src/db/models/index.js';
import type { EventKind } from '#src/db/models/store.js';
import { isQuietAt, quietWindowOf } from '#src/services/quiet-hours.js';
import type { StoreRecord } from '#src/services/stores.js';

export interface Destination {
  chatId: number;
  threadId: number;
  /** S7: inside the destination's quiet hours the message goes out without a sound */
  silent?: boolean;
}

/** The destination row that stands for the private chats of the store's team. */
export const TEAM_CHATS = 0;

export interface RoutingClock {
  timeZone: string;
  now?: Date;
}

/**
 * The team members who see a store in their private chats; alerts are for admins only.
 */
async function teamChats(models: Models, store: StoreRecord, event: EventKind, clock?: RoutingClock) {
  const members = await models.users
    .find({
      active: true,
      ...(event === 'alert' ? { role: 'admin' } : {}),
      $or: [{ allStores: true }, { storeIds: String(store._id) }],
    })
    .lean();
  return members.map((member) => ({
    chatId: member.telegramId,
    threadId: 0,
    silent: quietNow(member, clock),
  }));
}

function quietNow(record: { quietFrom?: string | null; quietTo?: string | null }, clock?: RoutingClock) {
  const window = quietWindowOf(record);
  return window && clock ? isQuietAt(window, clock.now ?? new Date(), clock.timeZone) : false;
}

/**
 * S6: where a store's events go. Without configured destinations, every team member allowed
 * to see the store gets them in a private chat; configured ones (groups, forum topics and the
 * team's private chats as a row of their own) each switch every kind of event on or off.
 */
export async function destinationsFor(
  models: Models,
  store: StoreRecord,
  event: EventKind,
  clock?: RoutingClock,
): Promise<Destination[]> {
  if (store.destinations.length === 0) return teamChats(models, store, event, clock);
  const targets: Destination[] = [];
  for (const destination of store.destinations) {
    if (!destination.events.includes(event)) continue;
    if (destination.chatId === TEAM_CHATS) targets.push(...(await teamChats(models, store, event, clock)));
    else
      targets.push({
        chatId: destination.chatId,
        threadId: destination.threadId ?? 0,
        silent: quietNow(destination, clock),
      });
  }
  return targets.filter(
    (d, i) => targets.findIndex((o) => o.chatId === d.chatId && o.threadId === d.threadId) === i,
  );
}
