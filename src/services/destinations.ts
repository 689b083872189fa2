import { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import { eventKinds, type EventKind } from '#src/db/models/store.js';
import type { QuietWindow } from '#src/services/quiet-hours.js';
import { TEAM_CHATS } from '#src/services/routing.js';
import { editSerially } from '#src/services/serial-edit.js';
import type { StoreRecord } from '#src/services/stores.js';

export interface DestinationRef {
  chatId: number;
  threadId: number;
}

type StoredDestination = StoreRecord['destinations'][number];

export interface DestinationRow {
  chatId: number;
  threadId: number | null;
  events: EventKind[];
  title: string;
  quietFrom: string | null;
  quietTo: string | null;
}

const sameDestination = (d: { chatId: number; threadId?: number | null }, ref: DestinationRef) =>
  d.chatId === ref.chatId && (d.threadId ?? 0) === ref.threadId;

const plain = (d: StoredDestination): DestinationRow => ({
  chatId: d.chatId,
  threadId: d.threadId ?? null,
  events: [...d.events],
  title: d.title ?? '',
  quietFrom: d.quietFrom ?? null,
  quietTo: d.quietTo ?? null,
});

/**
 * S6/S7 editing of a store's destinations. The first group registered turns the implicit
 * default (the team's private chats) into a row of its own, so nothing stops arriving where
 * it used to and the admin can switch it off like any other destination.
 */
export function createDestinationService(models: Models) {
  const load = (storeId: string) =>
    Types.ObjectId.isValid(storeId)
      ? models.stores.findById(storeId).lean<StoreRecord>()
      : Promise.resolve(null);

  async function update(
    storeId: string,
    change: (list: DestinationRow[]) => DestinationRow[] | null,
  ): Promise<StoreRecord | null> {
    if (!Types.ObjectId.isValid(storeId)) return null;
    // the list is read and written whole: edits of one store's destinations go one at a time
    return editSerially(models, `store:${storeId}`, async () => {
      const store = await load(storeId);
      if (!store) return null;
      const next = change(store.destinations.map(plain));
      if (!next) return null;
      await models.stores.updateOne({ _id: store._id }, { $set: { destinations: next } });
      return load(storeId);
    });
  }

  const editExisting = (
    storeId: string,
    ref: DestinationRef,
    edit: (d: DestinationRow) => DestinationRow | null,
  ) =>
    update(storeId, (list) => {
      const index = list.findIndex((d) => sameDestination(d, ref));
      if (index < 0) return null;
      const edited = edit(list[index] as DestinationRow);
      return list.flatMap((d, i) => (i !== index ? [d] : edited ? [edited] : []));
    });

  return {
    load,

    /** every store with its destinations, for the `/here` buttons */
    allStores: () => models.stores.find().sort({ name: 1 }).lean<StoreRecord[]>(),

    /** `/here`: the group (or topic) becomes a destination of the store, every order event on */
    register(storeId: string, ref: DestinationRef & { title: string }) {
      return update(storeId, (list) => {
        if (list.some((d) => sameDestination(d, ref))) return list;
        const row = (chatId: number, threadId: number | null, title: string, events: EventKind[]) => ({
          chatId,
          threadId,
          events,
          title,
          quietFrom: null,
          quietTo: null,
        });
        const base = list.length > 0 ? list : [row(TEAM_CHATS, null, '', [...eventKinds])];
        // alerts are for admins: a group gets them only when an admin switches them on
        const groupEvents = eventKinds.filter((event) => event !== 'alert');
        return [...base, row(ref.chatId, ref.threadId || null, ref.title, groupEvents)];
      });
    },

    toggleEvent(storeId: string, ref: DestinationRef, event: EventKind) {
      return editExisting(storeId, ref, (d) => ({
        ...d,
        events: d.events.includes(event) ? d.events.filter((e) => e !== event) : [...d.events, event],
      }));
    },

    remove(storeId: string, ref: DestinationRef) {
      return editExisting(storeId, ref, () => null);
    },

    setQuietHours(storeId: string, ref: DestinationRef, window: QuietWindow | null) {
      return editExisting(storeId, ref, (d) => ({
        ...d,
        quietFrom: window?.from ?? null,
        quietTo: window?.to ?? null,
      }));
    },
  };
}

export type DestinationService = ReturnType<typeof createDestinationService>;
