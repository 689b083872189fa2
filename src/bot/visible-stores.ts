import type { BotContext } from '#src/bot/context.js';
import { scopeOf, storeCondition } from '#src/services/store-scope.js';
import type { StoreRecord } from '#src/services/stores.js';

/** A manager limited to some stores sees only those (none when the list is empty); admins all. */
export function memberScope(ctx: BotContext) {
  return ctx.appUser?.role === 'admin' ? { allStores: true, storeIds: [] } : scopeOf(ctx.appUser);
}

/** The stores the member may report on, by name. */
export async function visibleStores(ctx: BotContext): Promise<StoreRecord[]> {
  return ctx.cards.models.stores
    .find(storeCondition(memberScope(ctx), '_id'))
    .sort({ name: 1 })
    .lean<StoreRecord[]>();
}
