import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import { median } from '#src/services/charts/accept-time.js';
import { lastLocalDays, type LocalDays } from '#src/services/charts/local-days.js';
import { readDays } from '#src/services/charts/read-days.js';

export const STATS_PERIODS = ['7', '30', '90'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

/** J6: what /stats draws for a period and a set of stores. */
export interface PeriodStats {
  timeZone: string;
  /** the stores counted */
  storeIds: string[];
  days: LocalDays;
  orders: number[];
  cancelled: number[];
  /** orders not cancelled, as the daily summary counts revenue */
  revenueKop: number[];
  totals: { orders: number; cancelled: number; revenueKop: number; autoAccepted: number };
  /** most frequent first; `reason` null when nothing recorded why */
  reasons: { reason: string | null; count: number }[];
  /** from order to its recorded accept, over the orders whose accept we saw */
  acceptMs: { median: number | null; observed: number };
}

interface PeriodRow {
  storeId: Types.ObjectId;
  statusGroup: string;
  totalKop: number;
  cancelReason: string | null;
  acceptedAfterMs: number | null;
  autoAccepted: boolean;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

const PERIOD_ROW_FIELDS = {
  _id: 0,
  storeId: 1,
  statusGroup: 1,
  totalKop: 1,
  cancelReason: 1,
  acceptedAfterMs: 1,
  autoAccepted: 1,
} as const;

/** The picture rows of each day of the period, counted as they arrive, only the stores asked. */
export async function periodStats(
  models: Models,
  options: { storeIds: readonly Types.ObjectId[]; days: number; now: Date; timeZone: string },
): Promise<PeriodStats> {
  const days = lastLocalDays(options.now, options.timeZone, options.days);
  const counted = new Set(options.storeIds.map(String));
  const blank = () => new Array<number>(options.days).fill(0);
  const orders = blank();
  const cancelled = blank();
  const revenueKop = blank();
  let autoAccepted = 0;
  const reasons = new Map<string | null, number>();
  const acceptMs: number[] = [];
  await readDays<PeriodRow>(models, days.keys, PERIOD_ROW_FIELDS, (rows, i) => {
    for (const row of rows) {
      if (!counted.has(String(row.storeId))) continue;
      orders[i] = (orders[i] ?? 0) + 1;
      if (row.statusGroup === 'cancelled') {
        cancelled[i] = (cancelled[i] ?? 0) + 1;
        reasons.set(row.cancelReason, (reasons.get(row.cancelReason) ?? 0) + 1);
      } else revenueKop[i] = (revenueKop[i] ?? 0) + row.totalKop;
      if (row.autoAccepted) autoAccepted += 1;
      if (row.acceptedAfterMs !== null) acceptMs.push(row.acceptedAfterMs);
    }
  });
  return {
    timeZone: options.timeZone,
    storeIds: options.storeIds.map(String),
    days,
    orders,
    cancelled,
    revenueKop,
    totals: { orders: sum(orders), cancelled: sum(cancelled), revenueKop: sum(revenueKop), autoAccepted },
    reasons: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || String(a.reason).localeCompare(String(b.reason))),
    acceptMs: { median: median(acceptMs), observed: acceptMs.length },
  };
}
