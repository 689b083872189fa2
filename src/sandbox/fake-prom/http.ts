import type { FakeResponse } from '#src/sandbox/http-server.js';
import { readQueryDate } from '#src/sandbox/fake-prom/format.js';
import type { FakePromBehaviour } from '#src/sandbox/fake-prom/behaviour.js';

export const API_PREFIX = '/api/v1';

export const json = (body: unknown, status = 200): FakeResponse => ({ status, json: body });
/** Most logical errors are HTTP 200 with `{"error": …}`. */
export const error200 = (message: string): FakeResponse => json({ error: message });
/** marshmallow-style field errors, as Prom answers malformed bodies */
export const fieldErrors = (fields: Record<string, string[]>): FakeResponse => json({ errors: fields });
/** The `{"status": "ok" | "error", …}` envelope of chat and delivery calls. */
export const statusOk = (data?: unknown): FakeResponse =>
  json(data === undefined ? { status: 'ok' } : { status: 'ok', data });
export const statusError = (message: string): FakeResponse => json({ status: 'error', message });

/** Unknown paths get an HTML page, not JSON. */
export const htmlNotFound = (): FakeResponse => ({
  status: 404,
  contentType: 'text/html; charset=utf-8',
  text: '<!DOCTYPE html><html lang="uk"><head><title>Сторінку не знайдено</title></head><body><h1>404</h1><p>Сторінку не знайдено</p></body></html>',
});

export const asObject = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

export const isInt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value);

export function readInt(query: URLSearchParams, name: string): number | null {
  const value = query.get(name);
  return value !== null && /^-?\d+$/.test(value) ? Number(value) : null;
}

/** `limit` as the real API treats it: missing → default, larger than the cap → the cap. */
export function readLimit(query: URLSearchParams, fallback: number, max: number): number {
  const limit = readInt(query, 'limit');
  return limit === null || limit < 1 ? fallback : Math.min(limit, max);
}

export type DateFilters =
  { kind: 'ok'; dates: Record<string, Date | null> } | { kind: 'empty' } | { kind: 'invalid'; name: string };

export function readDateFilters(
  query: URLSearchParams,
  names: string[],
  behaviour: FakePromBehaviour,
): DateFilters {
  const dates: Record<string, Date | null> = {};
  for (const name of names) {
    const value = readQueryDate(query.get(name));
    if (value === 'invalid') return { kind: 'invalid', name };
    if (value === 'iso') {
      if (behaviour.isoQueryDates === 'empty') return { kind: 'empty' };
      dates[name] = new Date(query.get(name) as string);
    } else {
      dates[name] = value;
    }
  }
  return { kind: 'ok', dates };
}

export const within = (date: Date, from: Date | null | undefined, to: Date | null | undefined) =>
  (!from || date >= from) && (!to || date <= to);

/**
 * Keyset page (orders, products, legacy messages): newest first, `last_id` per the boundary switch,
 * `limit` 100 by default and at most.
 */
export function pageByLastId<Item>(
  items: Item[],
  idOf: (item: Item) => number,
  query: URLSearchParams,
  behaviour: FakePromBehaviour,
): Item[] {
  const lastId = readInt(query, 'last_id');
  const ascending = query.get('sort_dir') === 'asc';
  return items
    .filter(
      (item) =>
        lastId === null ||
        (behaviour.lastIdBoundary === 'inclusive' ? idOf(item) <= lastId : idOf(item) < lastId),
    )
    .sort((a, b) => (ascending ? idOf(a) - idOf(b) : idOf(b) - idOf(a)))
    .slice(0, readLimit(query, 100, 100));
}

/** Offset page (chat): oldest first unless `sort=desc`, 20 by default, at most `maxLimit`. */
export function pageByOffset<Item>(ascending: Item[], query: URLSearchParams, maxLimit: number): Item[] {
  const ordered = query.get('sort') === 'desc' ? [...ascending].reverse() : ascending;
  const offset = Math.max(0, readInt(query, 'offset') ?? 0);
  return ordered.slice(offset, offset + readLimit(query, 20, maxLimit));
}
