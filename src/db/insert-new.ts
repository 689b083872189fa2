import { isDuplicateKey } from '#src/db/errors.js';

interface InsertsMany {
  insertMany(
    docs: object[],
    options: { ordered: false; throwOnValidationError: true },
  ): Promise<{ toObject(): unknown }[]>;
}

interface UnorderedInsertError {
  writeErrors?: unknown[];
  /** mongoose's outcome per document: the document, or why it was not written */
  results?: unknown[];
  insertedDocs?: { toObject(): unknown }[];
}

/**
 * Inserts a batch in one command, each document on its own: one whose unique key someone
 * else inserted first is passed over (that writer owns it), any other refusal throws.
 * Returns the documents this call inserted, as plain objects.
 */
export async function insertNew<T>(model: InsertsMany, docs: object[]): Promise<T[]> {
  if (docs.length === 0) return [];
  try {
    const inserted = await model.insertMany(docs, { ordered: false, throwOnValidationError: true });
    return inserted.map((doc) => doc.toObject() as T);
  } catch (error) {
    const { writeErrors, results, insertedDocs } = error as UnorderedInsertError;
    const refusals = [...(writeErrors ?? []), ...(results ?? []).filter((r) => r instanceof Error)];
    if (refusals.length === 0 || !refusals.every(isDuplicateKey)) throw error;
    return (insertedDocs ?? []).map((doc) => doc.toObject() as T);
  }
}
