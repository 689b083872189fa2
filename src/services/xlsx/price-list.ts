import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { ProductDoc } from '#src/db/models/product.js';
import { reservedUnitsOf } from '#src/services/reserved-stock.js';
import {
  CURSOR_BATCH,
  INTEGER_FORMAT,
  MONEY_FORMAT,
  kopToMoney,
  writeStreamedWorkbook,
} from '#src/services/xlsx/workbook.js';

/**
 * Prom's product import sheet: the sheet name and the Ukrainian column names of the file the
 * Prom cabinet exports and imports back ("Export Products Sheet"; sources in the README).
 */
export const PROM_SHEET_NAME = 'Export Products Sheet';
export const PROM_COLUMNS = [
  { header: 'Код_товару', key: 'sku', width: 16 },
  { header: 'Назва_позиції', key: 'name', width: 48 },
  { header: 'Назва_позиції_укр', key: 'nameUk', width: 48 },
  { header: 'Ціна', key: 'price', width: 12, style: { numFmt: MONEY_FORMAT } },
  { header: 'Валюта', key: 'currency', width: 8 },
  { header: 'Одиниця_виміру', key: 'unit', width: 10 },
  { header: 'Наявність', key: 'presence', width: 10 },
  { header: 'Кількість', key: 'quantity', width: 10, style: { numFmt: INTEGER_FORMAT } },
  { header: 'Назва_групи', key: 'group', width: 24 },
  { header: 'Посилання_зображення', key: 'image', width: 40 },
  { header: 'Ідентифікатор_товару', key: 'externalId', width: 18 },
  { header: 'Унікальний_ідентифікатор', key: 'promId', width: 18 },
] as const;

/** Prom's availability marks: + in stock, - not available, ! to order, & expected, @ service. */
const PRESENCE_MARKS: Record<string, string> = {
  available: '+',
  not_available: '-',
  order: '!',
  waiting: '&',
  service: '@',
};

function presenceMark(presence: string | null, quantity: number | null): string {
  if (quantity !== null && quantity <= 0) return '-';
  return (presence && PRESENCE_MARKS[presence]) ?? '+';
}

/** P2: the price list of one store's stored products, quantities less reserved units. */
export async function buildPromPriceList(
  models: Models,
  storeId: Types.ObjectId,
): Promise<{ buffer: Buffer; rows: number }> {
  const reserved = await reservedUnitsOf(models, storeId);
  let rows = 0;
  const buffer = await writeStreamedWorkbook(async (workbook) => {
    const sheet = workbook.addWorksheet(PROM_SHEET_NAME);
    sheet.columns = PROM_COLUMNS.map((column) => ({ ...column }));
    const cursor = models.products
      .find({ storeId })
      .select({ createdAt: 0, updatedAt: 0, importRun: 0 })
      .sort({ _id: 1 })
      .lean<ProductDoc[]>()
      .cursor({ batchSize: CURSOR_BATCH });
    for await (const product of cursor) {
      const quantity =
        product.quantity === null || product.quantity === undefined
          ? null
          : Math.max(0, product.quantity - reserved.for(product));
      sheet
        .addRow({
          sku: product.sku ?? '',
          name: product.name,
          nameUk: product.name,
          price: kopToMoney(product.priceKop),
          currency: product.currency,
          unit: 'шт.',
          presence: presenceMark(product.presence ?? null, quantity),
          quantity: quantity ?? '',
          group: product.group ?? '',
          image: product.imageUrl ?? '',
          externalId: product.sku ?? '',
          promId: product.marketplace === 'prom' ? product.marketplaceProductId : '',
        })
        .commit();
      rows += 1;
    }
    sheet.commit();
  });
  return { buffer, rows };
}
