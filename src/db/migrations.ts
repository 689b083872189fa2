import { insertNew } from '#src/db/insert-new.js';
import type { Models } from '#src/db/models/index.js';
import type { Logger } from '#src/logger.js';
import { backfillOrderDays } from '#src/services/charts/order-day-backfill.js';

/**
 * Brings documents written by earlier versions to today's shape at start-up. Each step selects
 * only documents still in the old shape, so running it again, or in two processes at once,
 * changes nothing more.
 */
export async function migrateData(
  models: Models,
  options: { adminIds: readonly number[]; logger: Logger },
): Promise<void> {
  const changed: Record<string, number> = {};
  const count = (step: string, result: { modifiedCount: number }) => {
    if (result.modifiedCount > 0) changed[step] = result.modifiedCount;
  };

  // store scopes: an empty list used to mean every store; now that is said explicitly
  for (const [name, collection] of [
    ['users', models.users.collection],
    ['invites', models.invites.collection],
  ] as const) {
    const unscoped = { allStores: { $exists: false } };
    count(
      `${name}: every store`,
      await collection.updateMany({ ...unscoped, storeIds: { $size: 0 } }, { $set: { allStores: true } }),
    );
    count(`${name}: listed stores`, await collection.updateMany(unscoped, { $set: { allStores: false } }));
  }

  // admins named in the environment today are marked, so removing them from it later demotes them;
  // those marked and no longer named are managers of no store from now on (no alert reaches them)
  count(
    'users: admins no longer in the environment',
    await models.users.collection.updateMany(
      { adminFromEnvironment: true, telegramId: { $nin: [...options.adminIds] } },
      { $set: { role: 'manager', adminFromEnvironment: false, allStores: false, storeIds: [] } },
    ),
  );
  count(
    'users: admins from the environment',
    await models.users.updateMany(
      { telegramId: { $in: [...options.adminIds] }, adminFromEnvironment: { $ne: true } },
      { $set: { adminFromEnvironment: true } },
    ),
  );

  // a Rozetka store's hint used to be the last characters of its password: nothing of a password is kept
  count(
    'stores: password fragments',
    await models.stores.collection.updateMany(
      // only values sealed by earlier versions (v1) can carry one; a cabinet token's hint is its last 4
      { marketplace: 'rozetka', credentialsHint: { $regex: '^…' }, sealedCredentials: { $regex: '^v1:' } },
      { $set: { credentialsHint: '' } },
    ),
  );

  if (Object.keys(changed).length > 0) options.logger.info({ changed }, 'stored documents migrated');
}

/**
 * Picture rows (J4, J6) for the orders stored before they were kept, once: the pass reads every
 * order, and FerretDB v1 has no cheap count to tell that nothing is left. Two processes starting
 * together both make the pass; its inserts pass over rows already there.
 */
export async function migrateOrderDays(
  models: Models,
  options: { timeZone: string; logger: Logger },
): Promise<void> {
  const STEP = 'order_days';
  if (await models.migrations.exists({ _id: STEP })) return;
  const started = Date.now();
  const added = await backfillOrderDays(models, options.timeZone);
  await insertNew(models.migrations, [{ _id: STEP, doneAt: new Date() }]);
  if (added > 0)
    options.logger.info({ added, ms: Date.now() - started }, 'picture rows of stored orders added');
}
