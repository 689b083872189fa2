import { z } from 'zod';
import type { Logger } from '#src/logger.js';
import { orderSchema, type Order } from '#src/marketplaces/port.js';

/** What a skipped row was meant to be, for the log line. */
export type RecordKind = 'order' | 'message' | 'chat';

/** The id a raw row claims, for the log line of a skipped one (never the whole payload). */
export function claimedId(row: unknown): string | null {
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

export function logSkipped(logger: Logger | undefined, kind: RecordKind, row: unknown, error: unknown) {
  logger?.warn(
    { kind, id: claimedId(row), reason: reasonOf(error) },
    'skipped a malformed marketplace record',
  );
}

/**
 * One malformed row must not hide the rest of its page: each row is converted on its own, and
 * a row whose conversion throws is skipped with a logged reason. `convert` returns null for a
 * row that is fine but not wanted.
 */
export function convertedOrSkipped<T>(
  rows: readonly unknown[],
  convert: (row: unknown) => T | null,
  logger: Logger | undefined,
  kind: RecordKind,
): T[] {
  return rows.flatMap((row) => {
    try {
      const value = convert(row);
      return value === null ? [] : [value];
    } catch (error) {
      logSkipped(logger, kind, row, error);
      return [];
    }
  });
}

/** Orders that convert into valid domain orders; the others skipped with a logged reason. */
export const ordersOrSkipped = (
  rows: readonly unknown[],
  convert: (row: unknown) => Order,
  logger: Logger | undefined,
): Order[] => convertedOrSkipped(rows, (row) => orderSchema.parse(convert(row)), logger, 'order');

/** Rows with a numeric id to page by; the others skipped with a logged reason. */
export function pageableRows(
  rows: readonly unknown[],
  idSchema: { parse(value: unknown): number },
  logger: Logger | undefined,
  kind: RecordKind,
): { id: number; raw: unknown }[] {
  return convertedOrSkipped(rows, (raw) => ({ id: idSchema.parse(claimedRawId(raw)), raw }), logger, kind);
}

const claimedRawId = (row: unknown) =>
  typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined;
