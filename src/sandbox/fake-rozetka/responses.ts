import { parseKyiv } from '#src/marketplaces/rozetka/kyiv-time.js';
import type { FakeResponse } from '#src/sandbox/http-server.js';
import type { FakeRozetkaSettings } from '#src/sandbox/fake-rozetka/state.js';

export interface FakeApiError {
  code: number | string;
  message: string;
  description?: string;
  details?: unknown;
}

/** Every answer is HTTP 200 with the envelope (spec §1), errors included. */
export function ok(content: unknown): FakeResponse {
  return { json: { success: true, content } };
}

export function fail(settings: FakeRozetkaSettings, error: FakeApiError, status = 200): FakeResponse {
  const entry = { details: null, ...error };
  return { status, json: { success: false, errors: settings.errorsShape === 'array' ? [entry] : entry } };
}

export const ERRORS = {
  requiredParameter: (field: string, description: string): FakeApiError => ({
    code: 1001,
    message: 'required_parameter',
    description,
    details: [field],
  }),
  checkData: (description: string, details: unknown = null): FakeApiError => ({
    code: 1005,
    message: 'check_correctness_of_data',
    description,
    details,
  }),
  /** a status move the order does not offer, in the words a live integration recorded (spec §0.2) */
  nextStatusUnavailable: (description: string): FakeApiError => ({
    code: 1005,
    message: 'Наступний статус недоступний',
    description,
    details: ['status'],
  }),
  /** the token's role lacks the section (spec §0.3) */
  accessDenied: (permission: string): FakeApiError => ({
    code: 1010,
    message: 'access_denied',
    description: `Немає доступу: ${permission}`,
    details: [permission],
  }),
  notFound: (what: string): FakeApiError => ({
    code: 1019,
    message: 'entity_not_found',
    description: `${what} не знайдено`,
  }),
};

/** One page of `rows`; `_meta` is left out when `withMeta` is false (seen live, spec §0.8). */
export function pageOf<T>(rows: readonly T[], query: URLSearchParams, perPage: number, withMeta = true) {
  const pageCount = Math.max(1, Math.ceil(rows.length / perPage));
  const currentPage = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  return {
    rows: rows.slice((currentPage - 1) * perPage, currentPage * perPage),
    _meta: withMeta ? { totalCount: rows.length, pageCount, currentPage, perPage } : undefined,
  };
}

export function expandsOf(query: URLSearchParams): Set<string> {
  return new Set(
    (query.get('expand') ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );
}

/** A `*_from` … `*_to` window as epoch ms; either edge may be open (null). */
export interface TimeRange {
  from: number | null;
  to: number | null;
}

/**
 * The `{name}_from` / `{name}_to` filter; a bare date as `_to` covers that whole day.
 * Unreadable values are ignored, as the live API does without `Accept-Validate-Exception`.
 */
export function timeRange(query: URLSearchParams, name: string): TimeRange {
  const edge = (suffix: 'from' | 'to'): number | null => {
    const value = query.get(`${name}_${suffix}`);
    const time = value ? parseKyiv(value) : null;
    if (!value || !time) return null;
    const wholeDay = suffix === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim());
    return time.getTime() + (wholeDay ? 86_399_000 : 0);
  };
  return { from: edge('from'), to: edge('to') };
}

export function inRange(text: string, { from, to }: TimeRange): boolean {
  const time = parseKyiv(text)?.getTime() ?? 0;
  return (from === null || time >= from) && (to === null || time <= to);
}

/** A JSON or form body as named fields; any other body has none. */
export function bodyFields(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

/** An integer sent as a number or as digits (Rozetka accepts both), else null. */
export function integerOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return null;
}

/** `sort=col` ascending, `sort=-col` descending (spec §1); unknown columns keep `fallback`. */
export function sortRows<T>(
  rows: T[],
  sort: string | null,
  columns: Record<string, (row: T) => number | string>,
  fallback: string,
): T[] {
  const wanted = sort && columns[sort.replace(/^-/, '')] ? sort : fallback;
  const descending = wanted.startsWith('-');
  const key = columns[wanted.replace(/^-/, '')];
  if (!key) return rows;
  return [...rows].sort((a, b) => {
    const left = key(a);
    const right = key(b);
    const order = left < right ? -1 : left > right ? 1 : 0;
    return descending ? -order : order;
  });
}
