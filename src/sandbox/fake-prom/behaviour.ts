import type { ResponseDateStyle } from '#src/sandbox/fake-prom/format.js';

/**
 * Switches for what the spec marks UNCONFIRMED, so the adapter can be tested against every reading.
 * Defaults follow the literal documentation or the most recent live report.
 */
export interface FakePromBehaviour {
  /** `last_id` "no higher than": `id <= last_id` (doc wording) or `id < last_id` */
  lastIdBoundary: 'inclusive' | 'exclusive';
  /** statuses set_status accepts; the 2026 brute force found these four, the 2017 doc also had pending/draft */
  writableStatuses: string[];
  /** a `toISOString()` query date: an empty list (as seen live) or accepted */
  isoQueryDates: 'empty' | 'accept';
  /** `date_created`/`date_modified` with microseconds and offset, or bare seconds without offset */
  responseDates: ResponseDateStyle;
  /** GET /orders/{unknown}: HTTP 404 (expected by one client) or 200 with an error */
  unknownOrder: 'http404' | 'error200';
  /** chat send_message: `message_id` under `data` (schema) or at the top level (official example) */
  chatSendMessageId: 'data' | 'top';
  /** /messages/reply success key */
  legacyReplyKey: 'processed_id' | 'processed_ids';
  /** false answers every chat call with "Chat is disabled" */
  chatEnabled: boolean;
  /**
   * `/products/list` without `group_id`: every product (one live report paged 5 495 that way) or
   * only the root group's (another live report)
   */
  productsWithoutGroup: 'all' | 'root_group';
}

export const defaultBehaviour = (): FakePromBehaviour => ({
  lastIdBoundary: 'inclusive',
  writableStatuses: ['received', 'delivered', 'paid', 'canceled'],
  isoQueryDates: 'empty',
  responseDates: 'offset',
  unknownOrder: 'http404',
  chatSendMessageId: 'data',
  legacyReplyKey: 'processed_id',
  chatEnabled: true,
  productsWithoutGroup: 'all',
});
