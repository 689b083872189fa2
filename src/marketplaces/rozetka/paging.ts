import type { z } from 'zod';
import type { pageMetaSchema } from '#src/marketplaces/rozetka/schemas.js';

/** Guards against a `_meta` that never ends; 1000 pages of 20 is far beyond any poll window. */
const MAX_PAGES = 1000;

export interface Page<T> {
  rows: T[];
  meta: z.infer<typeof pageMetaSchema>;
}

/**
 * Pages 1, 2, … up to `_meta.pageCount`. `_meta` may be absent (spec §0.8): then the walk ends on
 * an empty page or on one shorter than the page size (`_meta.perPage` when a page had it, else the
 * longest page seen so far).
 */
export async function* eachPage<T>(fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let pageSize = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { rows, meta } = await fetchPage(page);
    if (rows.length > 0) yield rows;
    const pageCount = meta?.pageCount ?? null;
    if (pageCount !== null) {
      if (page >= pageCount) return;
      continue;
    }
    pageSize = Math.max(pageSize, meta?.perPage ?? 0, rows.length);
    if (rows.length === 0 || rows.length < pageSize) return;
  }
}
