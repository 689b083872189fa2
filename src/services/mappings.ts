import { randomBytes } from 'node:crypto';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { MappingKind } from '#src/db/models/store-mapping.js';
import type { MarketplaceOption } from '#src/marketplaces/port.js';
import type { StoreRecord, StoreService } from '#src/services/stores.js';
import { isDuplicateKey } from '#src/db/errors.js';

export const shopLists = ['stages', 'payments', 'carriers'] as const;
export type ShopList = (typeof shopLists)[number];

export interface ShopListItem {
  id: string;
  name: string;
}

export const SHOP_LIST_MAX = 30;
export const SHOP_ITEM_NAME_MAX = 40;
const SHOP_KEY = 'shop';

/** The shop's own words, in Ukrainian like the shop itself; the admin edits them. */
const DEFAULT_LISTS: Record<ShopList, ShopListItem[]> = {
  stages: [
    { id: 'new', name: 'Нове' },
    { id: 'work', name: 'В обробці' },
    { id: 'pack', name: 'Комплектується' },
    { id: 'sent', name: 'Відправлено' },
    { id: 'done', name: 'Доставлено' },
    { id: 'canc', name: 'Скасовано' },
  ],
  payments: [
    { id: 'cod', name: 'Накладений платіж' },
    { id: 'card', name: 'Картка онлайн' },
    { id: 'bank', name: 'Безготівковий рахунок' },
    { id: 'mkt', name: 'Оплата на маркетплейсі' },
  ],
  carriers: [
    { id: 'np', name: 'Нова пошта' },
    { id: 'up', name: 'Укрпошта' },
    { id: 'meest', name: 'Meest' },
    { id: 'rzd', name: 'Rozetka Delivery' },
    { id: 'self', name: 'Самовивіз' },
  ],
};

export const listOfMapping: Record<MappingKind, ShopList> = {
  status: 'stages',
  payment: 'payments',
  delivery: 'carriers',
};

const plainItems = (items: { id: string; name: string }[]): ShopListItem[] =>
  items.map(({ id, name }) => ({ id, name }));

/** The shop's lists, created with the defaults on first use. */
export async function readShopLists(models: Models): Promise<Record<ShopList, ShopListItem[]>> {
  let doc = await models.shopSettings.findOne({ key: SHOP_KEY }).lean();
  if (!doc) {
    // created, not upserted, so the defaults land; a racing twin loses on the unique key
    await models.shopSettings.create({ key: SHOP_KEY, ...DEFAULT_LISTS }).catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
    });
    doc = await models.shopSettings.findOne({ key: SHOP_KEY }).lean();
  }
  return {
    stages: plainItems(doc?.stages ?? []),
    payments: plainItems(doc?.payments ?? []),
    carriers: plainItems(doc?.carriers ?? []),
  };
}

/** a store's mappings of one kind: marketplace code → shop list item id */
async function mappingTargets(
  models: Models,
  storeId: string,
  kind: MappingKind,
): Promise<Map<string, string>> {
  const rows = await models.storeMappings.find({ storeId, kind }).lean();
  return new Map(rows.map((row) => [row.code, row.target]));
}

/** A store's status mappings and the shop's stages: what a card's stage line and Stage button need. */
export interface StoreStages {
  /** marketplace status → shop stage id */
  targets: Map<string, string>;
  stages: ShopListItem[];
}

/** one read of the store's status mappings; the shop's lists only when some status is mapped */
export async function readStoreStages(models: Models, storeId: unknown): Promise<StoreStages> {
  const targets = await mappingTargets(models, String(storeId), 'status');
  return { targets, stages: targets.size > 0 ? (await readShopLists(models)).stages : [] };
}

/** the shop stage a marketplace status maps to */
export const stageOf = ({ targets, stages }: StoreStages, status: string): ShopListItem | null =>
  stages.find((stage) => stage.id === targets.get(status)) ?? null;

/**
 * Stages the order can move to from Telegram: a stage mapped to a status the marketplace
 * allows from here (not a cancel, which needs a reason, nor a move that needs a TTN).
 */
export function reachableStages(
  { targets, stages }: StoreStages,
  order: Pick<OrderDoc, 'status' | 'data'>,
): { stage: ShopListItem; status: string }[] {
  const moves = order.data.transitions.filter((t) => t.kind !== 'cancel' && !t.requiresTtn);
  return stages.flatMap((stage) => {
    const move = moves.find((m) => targets.get(m.status) === stage.id);
    return move && targets.get(order.status) !== stage.id ? [{ stage, status: move.status }] : [];
  });
}

/** S4: the shop's pipeline stages, payment methods and carriers, and each store's mappings to them. */
export function createMappings(models: Models, stores: StoreService) {
  const shop = () => readShopLists(models);

  async function saveList(list: ShopList, items: ShopListItem[]) {
    await models.shopSettings.updateOne({ key: SHOP_KEY }, { $set: { [list]: items } });
  }

  const targetsOf = (storeId: string, kind: MappingKind) => mappingTargets(models, storeId, kind);

  return {
    shop,

    async list(list: ShopList) {
      return (await shop())[list];
    },

    /** false when the list is full or the name is already there */
    async addItem(list: ShopList, name: string): Promise<boolean> {
      const items = (await shop())[list];
      if (items.length >= SHOP_LIST_MAX || items.some((item) => item.name === name)) return false;
      await saveList(list, [...items, { id: randomBytes(3).toString('hex'), name }]);
      return true;
    },

    /** Mappings that pointed at the item go with it. */
    async removeItem(list: ShopList, id: string): Promise<void> {
      const items = (await shop())[list];
      await saveList(
        list,
        items.filter((item) => item.id !== id),
      );
      const kinds = (Object.keys(listOfMapping) as MappingKind[]).filter((k) => listOfMapping[k] === list);
      await models.storeMappings.deleteMany({ kind: { $in: kinds }, target: id });
    },

    async moveUp(list: ShopList, id: string): Promise<void> {
      const items = (await shop())[list];
      const index = items.findIndex((item) => item.id === id);
      if (index <= 0) return;
      const reordered = [...items];
      [reordered[index - 1], reordered[index]] = [
        reordered[index] as ShopListItem,
        reordered[index - 1] as ShopListItem,
      ];
      await saveList(list, reordered);
    },

    targetsOf,

    /** what the marketplace offers for this kind of mapping, read live */
    async marketplaceOptions(store: StoreRecord, kind: MappingKind): Promise<MarketplaceOption[]> {
      const marketplace = stores.marketplaceFor(store);
      if (kind === 'status') return marketplace.listStatusOptions();
      if (kind === 'payment') return marketplace.listPaymentOptions();
      return marketplace.listDeliveryOptions();
    },

    /** false when the target is not (or no longer) on the shop's list */
    async setMapping(
      storeId: string,
      kind: MappingKind,
      option: MarketplaceOption,
      target: string | null,
    ): Promise<boolean> {
      if (target === null) {
        await models.storeMappings.deleteOne({ storeId, kind, code: option.id });
        return true;
      }
      const items = (await shop())[listOfMapping[kind]];
      if (!items.some((item) => item.id === target)) return false;
      // every field is set, so the upsert needs no schema defaults
      await models.storeMappings.updateOne(
        { storeId, kind, code: option.id },
        { $set: { storeId, kind, code: option.id, label: option.label, target } },
        { upsert: true },
      );
      return true;
    },
  };
}

export type Mappings = ReturnType<typeof createMappings>;
