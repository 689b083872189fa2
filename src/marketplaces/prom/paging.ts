/**
 * Pages of items de-duplicated by id, until a page brings nothing new: that ends a short last page,
 * and a server that ignores the cursor, without relying on page sizes.
 */
async function* freshPages<Item extends { id: number }, Cursor>(
  first: Cursor,
  fetchPage: (cursor: Cursor) => Promise<Item[]>,
  nextCursor: (cursor: Cursor, page: Item[]) => Cursor,
): AsyncGenerator<Item[]> {
  const seen = new Set<number>();
  for (let cursor = first; ;) {
    const page = await fetchPage(cursor);
    const fresh = page.filter((item) => !seen.has(item.id));
    if (fresh.length === 0) return;
    for (const item of fresh) seen.add(item.id);
    yield fresh;
    cursor = nextCursor(cursor, page);
  }
}

/**
 * Keyset paging downward by `last_id`. Whether Prom's "no higher than" boundary is inclusive is
 * unconfirmed, so the next cursor is the smallest id seen and ids are de-duplicated.
 */
export const pagesDownward = <Item extends { id: number }>(
  fetchPage: (lastId: number | null) => Promise<Item[]>,
): AsyncGenerator<Item[]> =>
  freshPages<Item, number | null>(null, fetchPage, (_lastId, page) =>
    page.reduce((lowest, item) => Math.min(lowest, item.id), Number.POSITIVE_INFINITY),
  );

/** Offset paging (chat history), de-duplicated by id. */
export const pagesByOffset = <Item extends { id: number }>(
  fetchPage: (offset: number) => Promise<Item[]>,
): AsyncGenerator<Item[]> => freshPages<Item, number>(0, fetchPage, (offset, page) => offset + page.length);

export async function collectPages<Item>(pages: AsyncIterable<Item[]>): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
