/**
 * Which stores a team member (or an invitation) reaches: every store, now and future, or the
 * listed ones only, where an empty list means none. Never inferred from an empty list: removing
 * a manager's last store must leave them with nothing, not with everything.
 */
export interface StoreScope {
  allStores: boolean;
  storeIds: readonly string[];
}

/** No record, no stores. */
export const NO_STORES: StoreScope = { allStores: false, storeIds: [] };

export function scopeOf(record: { allStores?: boolean | null; storeIds?: readonly string[] } | null) {
  if (!record) return NO_STORES;
  return { allStores: record.allStores === true, storeIds: [...(record.storeIds ?? [])] };
}

export const seesStore = (scope: StoreScope, storeId: unknown) =>
  scope.allStores || scope.storeIds.includes(String(storeId));

/** A query condition on a field holding a store id (orders' `storeId`, stores' `_id`). */
export const storeCondition = (scope: StoreScope, field: 'storeId' | '_id' = 'storeId') =>
  scope.allStores ? {} : { [field]: { $in: [...scope.storeIds] } };
