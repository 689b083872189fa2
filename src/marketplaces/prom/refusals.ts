import { MarketplaceError } from '#src/marketplaces/errors.js';
import type { PromProcessedResponse, PromRefusalFields } from '#src/marketplaces/prom/schemas.js';

/**
 * Prom answers most logical errors with HTTP 200, so every body is checked for the ways it says
 * "no": `error`, `errors` (marshmallow-style, keyed by id or field), `warning_message`, and the
 * chat/delivery `{"status":"error","message":…}`.
 */

function flattenErrors(value: unknown, path: string[] = []): string[] {
  if (value === null || value === undefined || value === '' || value === false) return [];
  if (Array.isArray(value)) return value.flatMap((item) => flattenErrors(item, path));
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      flattenErrors(item, key === 'error' ? path : [...path, key]),
    );
  }
  const message = String(value);
  return [path.length > 0 ? `${path.join('.')}: ${message}` : message];
}

/** The marketplace's own words when the body is a refusal, otherwise null. */
export function refusalDetail(body: PromRefusalFields): string | null {
  const reasons = [
    ...flattenErrors(body.error),
    ...flattenErrors(body.errors),
    ...flattenErrors(body.warning_message),
  ];
  if (body.status === 'error') reasons.push(typeof body.message === 'string' ? body.message : 'error');
  return reasons.length > 0 ? reasons.join('; ') : null;
}

const NOT_FOUND_WORDS = /not found|не найден|не знайдено|incorrect .*id|no such/i;

/** Throws the refusal carried by a 200 body; a "not found" wording becomes `not_found`. */
export function throwIfRefused(body: PromRefusalFields, action: string): void {
  const detail = refusalDetail(body);
  if (detail === null) return;
  const kind = NOT_FOUND_WORDS.test(detail) ? 'not_found' : 'refused';
  throw new MarketplaceError(kind, `Prom refused to ${action}`, detail);
}

/** A write counts only when Prom lists the id as processed; an empty list is a silent refusal. */
export function assertProcessed(body: PromProcessedResponse, id: number, action: string): void {
  const detail = refusalDetail(body);
  if (detail !== null) throw new MarketplaceError('refused', `Prom refused to ${action}`, detail);
  if (!body.processed_ids?.includes(id) && body.processed_id !== id) {
    throw new MarketplaceError(
      'refused',
      `Prom did not process ${action}`,
      JSON.stringify(body).slice(0, 300),
    );
  }
}

/** A list answer: the list itself, the refusal it carries, or bad_response when it has neither. */
export function requireList<T>(list: T[] | undefined, body: PromRefusalFields, action: string): T[] {
  throwIfRefused(body, action);
  if (!list) throw new MarketplaceError('bad_response', `Prom answer to ${action} has no list`);
  return list;
}
