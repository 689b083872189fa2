/** A write refused by a unique index: the row is someone else's (or ours from a retry). */
export const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;

/**
 * An upsert, tried once more when the unique index refuses it: two upserts of a row not there
 * yet both insert, and the one refused finds the row there on its second try.
 */
export const upsertRetrying = <T>(write: () => Promise<T>): Promise<T> =>
  write().catch((error: unknown) => (isDuplicateKey(error) ? write() : Promise.reject(error)));
