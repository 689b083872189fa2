import { z } from 'zod';
import type { MarketplaceKind } from '#src/marketplaces/port.js';
import { PROM_CANCEL_REASONS } from '#src/marketplaces/prom/statuses.js';
import { statusLabel } from '#src/marketplaces/rozetka/statuses.js';

export interface CancelledOrder {
  marketplace: MarketplaceKind;
  status: string;
  audit?: readonly { action: string; detail?: string | null }[];
  data?: { rawJson?: string };
}

/** Prom puts the reason of a cancelled order in `cancellation: {title, initiator}` (spec: order fields). */
const promCancellation = z.object({
  cancellation: z.object({ title: z.string().min(1) }).nullish(),
});

function promTitle(rawJson: string | undefined): string | null {
  if (!rawJson) return null;
  try {
    return promCancellation.safeParse(JSON.parse(rawJson)).data?.cancellation?.title ?? null;
  } catch {
    return null;
  }
}

/**
 * J6: why an order was cancelled, in the marketplace's own words: the reason a manager chose in
 * Telegram; else Rozetka's cancellation status, which is its reason; else the title Prom sent;
 * null when nothing says.
 */
export function cancelReasonOf(order: CancelledOrder): string | null {
  const chosen = order.audit?.findLast((line) => line.action === 'cancel')?.detail ?? null;
  if (order.marketplace === 'rozetka') return statusLabel(Number(chosen ?? order.status));
  if (chosen) return PROM_CANCEL_REASONS.find((reason) => reason.code === chosen)?.label ?? chosen;
  return promTitle(order.data?.rawJson);
}
