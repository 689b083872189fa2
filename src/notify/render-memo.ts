/** Reads a card needs again and again (a chat's language), kept for a moment. */
export type Remember = <T>(key: string, load: () => PromiseLike<T>) => Promise<T>;

/**
 * The sender draws a chat's cards one after another: each would read the same chat language. A
 * few seconds of staleness (a language just switched) cost nothing, and a failed read is not kept.
 */
export function createRenderMemo(ttlMs: number): Remember {
  const kept = new Map<string, { value: Promise<unknown>; until: number }>();
  return <T>(key: string, load: () => PromiseLike<T>): Promise<T> => {
    const now = Date.now();
    const hit = kept.get(key);
    if (hit && hit.until > now) return hit.value as Promise<T>;
    if (kept.size > 10_000) kept.clear();
    // a mongoose query is a thenable that runs again each time it is awaited: settle it once
    const value = Promise.resolve(load());
    kept.set(key, { value, until: now + ttlMs });
    value.catch(() => kept.delete(key));
    return value;
  };
}
