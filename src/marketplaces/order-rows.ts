import { z } from 'zod';
import type { Logger } from '#src/logger.js';
import { orderSchema, type Order } from '#src/marketplaces/port.js';

/** The id a raw order row claims, for the log line of a skipped one (never the whole payload). */
export function claimedOrderId(row: unknown): string | null {
  const id = typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined;
  return typeof id === 'number' || typeof id === 'string' ? String(id).slice(0, 40) : null;
}

function reasonOf(error: unknown): string {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected shape';
  }
  return error instanceof Error ? error.message.slice(0, 200) : 'unexpected shape';
}

/**
 * One malformed order must not hide the rest of its page: each row is converted on its own, and a
 * row that does not convert into a valid domain order is skipped with a logged reason.
 */
export function ordersOrSkipped(
  rows: readonly unknown[],
  toOrder: (row: unknown) => Order,
  logger: Logger | undefined,
): Order[] {
  return rows.flatMap((row) => {
    try {
      return [orderSchema.parse(toOrder(row))];
    } catch (error) {
      logger?.warn(
        { orderId: claimedOrderId(row), reason: reasonOf(error) },
        'skipped an order the marketplace sent in an unexpected shape',
      );
      return [];
    }
  });
}
