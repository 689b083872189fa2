import mongoose from 'mongoose';
import { loadConfig } from '#src/config/index.js';
import { ensureIndexes } from '#src/db/connect.js';
import { modelsFor, type Models } from '#src/db/models/index.js';
import { createLogger } from '#src/logger.js';
import type { Credentials } from '#src/marketplaces/port.js';
import { createServices, type Services } from '#src/services/index.js';

/** managers' Telegram ids start here, one per store, so a chat id tells the store */
export const MANAGER_BASE_ID = 100_000;

interface SeededStore {
  storeId: string;
  /** the store's own manager: their private chat gets its cards */
  managerId: number;
}

/** A store per credential, polled every `pollSeconds`, each with a manager limited to it. */
async function seedStoresWithManagers(
  services: Services,
  models: Models,
  credentials: Credentials[],
  options: { pollSeconds: number },
): Promise<SeededStore[]> {
  const seeded: SeededStore[] = [];
  for (const [index, credential] of credentials.entries()) {
    const store = await services.stores.create({ name: `Shop ${index}`, credentials: credential });
    await models.stores.updateOne({ _id: store._id }, { $set: { pollIntervalSeconds: options.pollSeconds } });
    const managerId = MANAGER_BASE_ID + index;
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

/** The run's own database, seeded directly (not through the app): a store and a manager per credential. */
export async function openSeededShop(
  uri: string,
  appEnv: Record<string, string>,
  credentials: Credentials[],
  pollSeconds: number,
) {
  const connection = await mongoose.createConnection(uri).asPromise();
  await ensureIndexes(connection);
  const models = modelsFor(connection);
  const services = createServices(loadConfig(appEnv), models, createLogger('silent'));
  const seeded = await seedStoresWithManagers(services, models, credentials, { pollSeconds });
  return { connection, models, seeded };
}
