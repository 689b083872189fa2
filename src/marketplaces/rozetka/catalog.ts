import { isMarketplaceError } from '#src/marketplaces/errors.js';
import type { MarketplaceOption, Product } from '#src/marketplaces/port.js';
import type { RozetkaClient } from '#src/marketplaces/rozetka/client.js';
import { eachPage } from '#src/marketplaces/rozetka/paging.js';
import {
  goodsListContentSchema,
  orderSearchDataContentSchema,
  orderStatusListContentSchema,
} from '#src/marketplaces/rozetka/schemas.js';
import { ROZETKA_STATUSES } from '#src/marketplaces/rozetka/statuses.js';
import { toProduct } from '#src/marketplaces/rozetka/to-domain.js';

/** The largest page goods lists accept (spec §1 "Pagination"). */
const GOODS_PAGE_SIZE = 100;

export function createCatalogOperations(client: RozetkaClient) {
  async function* listProducts(): AsyncGenerator<Product[]> {
    const pages = eachPage(async (page) => {
      const content = await client.call({
        path: '/goods/all',
        params: { page, pageSize: GOODS_PAGE_SIZE },
        content: goodsListContentSchema,
        action: 'list goods',
      });
      return { rows: content.items, meta: content._meta };
    });
    for await (const rows of pages) yield rows.map(toProduct);
  }

  /** The live list; the spec's table when the account may not read it. */
  async function listStatusOptions(): Promise<MarketplaceOption[]> {
    const options: MarketplaceOption[] = [];
    try {
      const pages = eachPage(async (page) => {
        const content = await client.call({
          path: '/order-statuses/search',
          params: { page },
          content: orderStatusListContentSchema,
          action: 'list order statuses',
        });
        return { rows: content.orderStatus, meta: content._meta };
      });
      for await (const rows of pages) {
        for (const status of rows) {
          const label =
            status.name_uk ?? status.title ?? status.name ?? ROZETKA_STATUSES.get(status.id)?.label;
          options.push({ id: String(status.id), label: label ?? String(status.id) });
        }
      }
    } catch (error) {
      if (!isMarketplaceError(error) || (error.kind !== 'refused' && error.kind !== 'not_found')) throw error;
      return [...ROZETKA_STATUSES].map(([id, { label }]) => ({ id: String(id), label }));
    }
    return options;
  }

  async function searchData() {
    return client.call({
      path: '/orders/search-data',
      params: { types: 1 },
      content: orderSearchDataContentSchema,
      action: 'read the order filters',
    });
  }

  const toOptions = (rows: { id: string; name: string | null }[] | null | undefined): MarketplaceOption[] =>
    (rows ?? []).map((row) => ({ id: row.id, label: row.name ?? row.id }));

  return {
    listProducts,
    listStatusOptions,
    async listPaymentOptions() {
      return toOptions((await searchData()).search_payment_methods);
    },
    async listDeliveryOptions() {
      return toOptions((await searchData()).search_delivers);
    },
  };
}
