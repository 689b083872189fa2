import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { Order } from '#src/marketplaces/port.js';
import { asLocalWallClock, type Period } from '#src/services/local-time.js';
import {
  CURSOR_BATCH,
  DATE_TIME_FORMAT,
  INTEGER_FORMAT,
  MONEY_FORMAT,
  kopToMoney,
  writeStreamedWorkbook,
} from '#src/services/xlsx/workbook.js';

export interface ReportFilter {
  period: Period;
  /** null = every store */
  storeIds: Types.ObjectId[] | null;
}

export interface ReportText {
  t: (key: string) => string;
  timeZone: string;
}

interface SummaryCell {
  orders: number;
  totalKop: number;
}

export interface ReportResult {
  buffer: Buffer;
  orders: number;
  totalKop: number;
}

type ReportOrder = Pick<
  OrderDoc,
  'storeId' | 'number' | 'placedAt' | 'totalKop' | 'statusGroup' | 'assigneeName' | 'buyerName' | 'buyerPhone'
> & { data: Order };

const ORDER_COLUMNS = [
  { key: 'number', header: 'report-col-number', width: 14 },
  { key: 'date', header: 'report-col-date', width: 18, style: { numFmt: DATE_TIME_FORMAT } },
  { key: 'store', header: 'report-col-store', width: 22 },
  { key: 'buyer', header: 'report-col-buyer', width: 28 },
  { key: 'phone', header: 'report-col-phone', width: 16 },
  { key: 'status', header: 'report-col-status', width: 22 },
  { key: 'stage', header: 'report-col-stage', width: 14 },
  { key: 'payment', header: 'report-col-payment', width: 22 },
  { key: 'delivery', header: 'report-col-delivery', width: 30 },
  { key: 'items', header: 'report-col-items', width: 10, style: { numFmt: INTEGER_FORMAT } },
  { key: 'total', header: 'report-col-total', width: 14, style: { numFmt: MONEY_FORMAT } },
  { key: 'manager', header: 'report-col-manager', width: 18 },
] as const;

const SUMMARY_COLUMNS = [
  { key: 'store', header: 'report-col-store', width: 24 },
  { key: 'status', header: 'report-col-status', width: 28 },
  { key: 'orders', header: 'report-col-orders', width: 12, style: { numFmt: INTEGER_FORMAT } },
  { key: 'total', header: 'report-col-total', width: 16, style: { numFmt: MONEY_FORMAT } },
] as const;

const joinPresent = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ');

/** P3: a row per order of the period, then a summary per store and status, totals in code. */
export async function buildOrdersReport(
  models: Models,
  filter: ReportFilter,
  text: ReportText,
): Promise<ReportResult> {
  const { t, timeZone } = text;
  const stores = await models.stores
    .find()
    .select({ name: 1 })
    .lean<{ _id: Types.ObjectId; name: string }[]>();
  const storeName = new Map(stores.map((s) => [String(s._id), s.name]));
  const summary = new Map<string, Map<string, SummaryCell>>();
  let orders = 0;
  let totalKop = 0;

  const buffer = await writeStreamedWorkbook(async (workbook) => {
    const sheet = workbook.addWorksheet(t('report-sheet-orders'));
    sheet.columns = ORDER_COLUMNS.map((column) => ({ ...column, header: t(column.header) }));
    const cursor = models.orders
      .find({
        placedAt: { $gte: filter.period.from, $lt: filter.period.to },
        ...(filter.storeIds ? { storeId: { $in: filter.storeIds } } : {}),
      })
      .select({
        storeId: 1,
        number: 1,
        placedAt: 1,
        totalKop: 1,
        statusGroup: 1,
        assigneeName: 1,
        buyerName: 1,
        buyerPhone: 1,
        data: 1,
      })
      .sort({ placedAt: 1 })
      .lean<ReportOrder[]>()
      .cursor({ batchSize: CURSOR_BATCH });
    for await (const order of cursor) {
      const store = storeName.get(String(order.storeId)) ?? String(order.storeId);
      const { data } = order;
      sheet
        .addRow({
          number: order.number,
          date: asLocalWallClock(new Date(order.placedAt), timeZone),
          store,
          buyer: order.buyerName || data.buyer.fullName,
          phone: order.buyerPhone ?? '',
          status: data.statusLabel,
          stage: t(`report-stage-${order.statusGroup}`),
          payment: joinPresent(data.payment.methodName, data.payment.status),
          delivery: joinPresent(
            data.delivery.methodName ?? data.delivery.carrier,
            data.delivery.city,
            data.delivery.address,
          ),
          items: data.items.reduce((sum, item) => sum + item.quantity, 0),
          total: kopToMoney(order.totalKop),
          manager: order.assigneeName ?? '',
        })
        .commit();
      const perStatus = summary.get(store) ?? new Map<string, SummaryCell>();
      summary.set(store, perStatus);
      const cell = perStatus.get(data.statusLabel) ?? { orders: 0, totalKop: 0 };
      perStatus.set(data.statusLabel, { orders: cell.orders + 1, totalKop: cell.totalKop + order.totalKop });
      orders += 1;
      totalKop += order.totalKop;
    }
    sheet.commit();

    const summarySheet = workbook.addWorksheet(t('report-sheet-summary'));
    summarySheet.columns = SUMMARY_COLUMNS.map((column) => ({ ...column, header: t(column.header) }));
    for (const [store, perStatus] of [...summary].sort(([a], [b]) => a.localeCompare(b))) {
      let storeOrders = 0;
      let storeKop = 0;
      for (const [status, cell] of [...perStatus].sort(([a], [b]) => a.localeCompare(b))) {
        summarySheet
          .addRow({ store, status, orders: cell.orders, total: kopToMoney(cell.totalKop) })
          .commit();
        storeOrders += cell.orders;
        storeKop += cell.totalKop;
      }
      const subtotal = summarySheet.addRow({
        store,
        status: t('report-store-total'),
        orders: storeOrders,
        total: kopToMoney(storeKop),
      });
      subtotal.font = { bold: true };
      subtotal.commit();
    }
    const grand = summarySheet.addRow({
      store: t('report-grand-total'),
      status: '',
      orders,
      total: kopToMoney(totalKop),
    });
    grand.font = { bold: true };
    grand.commit();
    summarySheet.commit();
  });
  return { buffer, orders, totalKop };
}
