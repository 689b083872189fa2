import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { StoreDoc } from '#src/db/models/store.js';
import { registerSecret, type Logger } from '#src/logger.js';
import { createMarketplace, type MarketplaceEndpoints } from '#src/marketplaces/index.js';
import { credentialsSchema, type Credentials, type Marketplace } from '#src/marketplaces/port.js';
import { openSecret, sealSecret, secretHint } from '#src/services/secrets.js';

export type StoreRecord = StoreDoc & { _id: Types.ObjectId; updatedAt: Date };

const secretOf = (credentials: Credentials) =>
  credentials.marketplace === 'prom' ? credentials.token : credentials.password;

export function createStoreService(
  models: Models,
  options: { encryptionKey: Buffer | undefined; endpoints: MarketplaceEndpoints; logger: Logger },
) {
  const adapters = new Map<string, { sealedCredentials: string; marketplace: Marketplace }>();

  const requireKey = () => {
    if (!options.encryptionKey)
      throw new Error('ENCRYPTION_KEY is not set; stores cannot be saved or opened');
    return options.encryptionKey;
  };

  return {
    async create(
      input: { name: string; credentials: Credentials } & Partial<StoreDoc>,
    ): Promise<StoreRecord> {
      const { credentials, ...fields } = input;
      const store = await models.stores.create({
        ...fields,
        marketplace: credentials.marketplace,
        sealedCredentials: sealSecret(requireKey(), JSON.stringify(credentials)),
        credentialsHint: secretHint(secretOf(credentials)),
      });
      return store.toObject() as StoreRecord;
    },

    get: (storeId: Types.ObjectId | string) => models.stores.findById(storeId).lean<StoreRecord>(),

    listActive: () => models.stores.find({ status: { $ne: 'paused' } }).lean<StoreRecord[]>(),

    /**
     * One adapter per store, kept while the store's credentials are unchanged so a Rozetka
     * access token survives between polls (every poll updates the store record itself).
     */
    marketplaceFor(store: StoreRecord): Marketplace {
      const key = String(store._id);
      const { sealedCredentials } = store;
      const cached = adapters.get(key);
      if (cached?.sealedCredentials === sealedCredentials) return cached.marketplace;
      const credentials = credentialsSchema.parse(JSON.parse(openSecret(requireKey(), sealedCredentials)));
      registerSecret(secretOf(credentials));
      const marketplace = createMarketplace(
        credentials,
        options.endpoints,
        options.logger.child({ store: key }),
      );
      adapters.set(key, { sealedCredentials, marketplace });
      return marketplace;
    },
  };
}

export type StoreService = ReturnType<typeof createStoreService>;
