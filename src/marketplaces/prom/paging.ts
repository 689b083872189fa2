/**
 * Keyset paging downward by `last_id`. Whether Prom's "no higher than" boundary is inclusive is
 * unconfirmed, so the next cursor is the smallest id seen, ids are de-duplicated, and paging stops
 * on the first page that brings nothing new (which also ends a server that ignores `last_id`).
 */
export async function* pagesDownward<Item extends { id: number }>(
  fetchPage: (lastId: number | null) => Promise<Item[]>,
): AsyncGenerator<Item[]> {
  const seen = new Set<number>();
  let lastId: number | null = null;
  for (;;) {
    const page = await fetchPage(lastId);
    const fresh = page.filter((item) => !seen.has(item.id));
    if (fresh.length === 0) return;
    for (const item of fresh) seen.add(item.id);
    yield fresh;
    lastId = page.reduce((lowest, item) => Math.min(lowest, item.id), Number.POSITIVE_INFINITY);
  }
}

/** Offset paging (chat history), de-duplicated by id, until a page brings nothing new. */
export async function* pagesByOffset<Item extends { id: number }>(
  fetchPage: (offset: number) => Promise<Item[]>,
): AsyncGenerator<Item[]> {
  const seen = new Set<number>();
  for (let offset = 0; ;) {
    const page = await fetchPage(offset);
    const fresh = page.filter((item) => !seen.has(item.id));
    if (fresh.length === 0) return;
    for (const item of fresh) seen.add(item.id);
    yield fresh;
    offset += page.length;
  }
}

export async function collectPages<Item>(pages: AsyncIterable<Item[]>): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
