/** A write refused by a unique index: the row is someone else's (or ours from a retry). */
export const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;
