import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import { median } from '#src/services/charts/accept-time.js';
import { lastLocalDays, type LocalDays } from '#src/services/charts/local-days.js';
import { readDaySummaries } from '#src/services/charts/day-summaries.js';

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

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The summary of each day of the period, counted as it arrives, only the stores asked. */
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
  await readDaySummaries(models, days.keys, (summary, i) => {
    for (const [id, counts] of Object.entries(summary)) {
      if (!counted.has(id)) continue;
      orders[i] = (orders[i] ?? 0) + counts.orders;
      cancelled[i] = (cancelled[i] ?? 0) + counts.cancelled;
      revenueKop[i] = (revenueKop[i] ?? 0) + counts.revenueKop;
      autoAccepted += counts.autoAccepted;
      for (const [reason, count] of counts.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + count);
      for (const ms of counts.acceptMs) acceptMs.push(ms);
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
