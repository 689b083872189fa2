import { withExclusive } from '#src/db/exclusive.js';
import type { Models } from '#src/db/models/index.js';

const EDIT_LEASE_MS = 10_000;
const WAIT_STEP_MS = 25;
const WAIT_LIMIT_MS = 5_000;

/**
 * Runs the edits of one record one at a time, across processes: FerretDB v1 applies even
 * `$addToSet`/`$pull` as read-then-write, so two admins' changes at the same moment could still
 * lose one. The second edit waits for the first and then reads what it wrote.
 */
export async function editSerially<T>(models: Models, record: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const done = await withExclusive(
      models,
      `edit:${record}`,
      { ttlMs: EDIT_LEASE_MS, holder: 'edit' },
      async () => ({
        value: await work(),
      }),
    );
    if (done) return done.value;
    if (Date.now() > deadline) throw new Error(`${record} is being edited by someone else for too long`);
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS + Math.random() * WAIT_STEP_MS));
  }
}
