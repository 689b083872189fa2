import type { FakeRouter } from '#src/sandbox/http-server.js';
import { authed } from '#src/sandbox/fake-rozetka/auth-routes.js';
import { ERRORS, fail, ok, pageOf, sortRows } from '#src/sandbox/fake-rozetka/responses.js';
import type { FakeRozetkaState } from '#src/sandbox/fake-rozetka/state.js';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

export function registerGoodsRoutes(router: FakeRouter, state: FakeRozetkaState): void {
  const list = (onSaleOnly: boolean) =>
    authed(state, ({ query }) => {
      const pageSize =
        Number.parseInt(query.get('pageSize') ?? String(DEFAULT_PAGE_SIZE), 10) || DEFAULT_PAGE_SIZE;
      // above 100 is rejected with 1005 (spec §1, third-party note on goods endpoints)
      if (pageSize > MAX_PAGE_SIZE) {
        return fail(
          state.settings,
          ERRORS.checkData(`pageSize не може бути більше ${MAX_PAGE_SIZE}`, ['pageSize']),
        );
      }
      const text = (name: string) => query.get(name)?.trim().toLowerCase() || null;
      const [rzItemId, offerId, name, available] = [
        text('rz_item_id'),
        text('price_offer_id'),
        text('name'),
        text('available'),
      ];
      const matching = state.goods.filter(
        (item) =>
          (!onSaleOnly || (item.item_active === 1 && item.available === 1)) &&
          (!rzItemId || String(item.rz_item_id) === rzItemId) &&
          (!offerId || item.price_offer_id.toLowerCase() === offerId) &&
          (!name || item.name_ua.toLowerCase().includes(name)) &&
          (!available || String(item.available) === available),
      );
      const sorted = sortRows(
        matching,
        query.get('sort'),
        { rz_item_id: (item) => item.rz_item_id, price: (item) => item.price, name: (item) => item.name_ua },
        'rz_item_id',
      );
      const { rows, _meta } = pageOf(sorted, query, pageSize, state.settings.pageMeta);
      return ok({ count: matching.length, items: rows, _meta });
    });

  router.on('GET', '/goods/all', list(false));
  router.on('GET', '/goods/on-sale', list(true));
}
