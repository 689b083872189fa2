import type { Models } from '#src/db/models/index.js';
import type { Credentials } from '#src/marketplaces/port.js';
import type { Services } from '#src/services/index.js';

export interface SeededStore {
  storeId: string;
  /** the store's own manager: their private chat gets its cards */
  managerId: number;
}

/** A store per credential, polled every `pollSeconds`, each with a manager limited to it. */
export async function seedStoresWithManagers(
  services: Services,
  models: Models,
  credentials: Credentials[],
  options: { pollSeconds: number; managerBaseId: number },
): Promise<SeededStore[]> {
  const seeded: SeededStore[] = [];
  for (const [index, credential] of credentials.entries()) {
    const store = await services.stores.create({ name: `Shop ${index}`, credentials: credential });
    await models.stores.updateOne({ _id: store._id }, { $set: { pollIntervalSeconds: options.pollSeconds } });
    const managerId = options.managerBaseId + index;
    await models.users.create({
      telegramId: managerId,
      name: `Manager ${index}`,
      role: 'manager',
      storeIds: [String(store._id)],
    });
    seeded.push({ storeId: String(store._id), managerId });
  }
  return seeded;
}
