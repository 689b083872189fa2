import type { z } from 'zod';
import type { pageMetaSchema } from '#src/marketplaces/rozetka/schemas.js';

/** Guards against a `_meta` that never ends; 1000 pages of 20 is far beyond any poll window. */
const MAX_PAGES = 1000;

export interface Page<T> {
  rows: T[];
  meta: z.infer<typeof pageMetaSchema>;
}

/** Pages 1, 2, … up to `_meta.pageCount` (or until a page comes back empty when there is no `_meta`). */
export async function* eachPage<T>(fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T[]> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { rows, meta } = await fetchPage(page);
    if (rows.length > 0) yield rows;
    const pageCount = meta?.pageCount ?? null;
    if (pageCount === null ? rows.length === 0 : page >= pageCount) return;
  }
}
