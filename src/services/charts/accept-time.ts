import type { MarketplaceKind, OrderStatusGroup } from '#src/marketplaces/port.js';
import { promStatusGroup } from '#src/marketplaces/prom/statuses.js';
import { domainStatusGroup } from '#src/marketplaces/rozetka/statuses.js';

const groupOf = (marketplace: MarketplaceKind, status: string): OrderStatusGroup =>
  marketplace === 'prom' ? promStatusGroup(status) : domainStatusGroup(Number(status), null);

/**
 * J6: a recorded move out of a waiting status into work (Prom `received`, Rozetka 26 or any later
 * stage) is the accept, whoever made it. The first record of an order (`from` null) is where we
 * first saw it, not a move: an order first seen already accepted has no accept time we know.
 */
export function isAcceptMove(marketplace: MarketplaceKind, from: string | null, to: string): boolean {
  if (from === null || groupOf(marketplace, from) !== 'new') return false;
  const next = groupOf(marketplace, to);
  return next === 'processing' || next === 'done';
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
