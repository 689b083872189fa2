import { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { StoreDoc } from '#src/db/models/store.js';
import { registerSecret, type Logger } from '#src/logger.js';
import { createMarketplace, type MarketplaceEndpoints } from '#src/marketplaces/index.js';
import { credentialsSchema, type Credentials, type Marketplace } from '#src/marketplaces/port.js';
import { SecretUnreadableError, secretHint, type Keyring } from '#src/services/secrets.js';

export type StoreRecord = StoreDoc & { _id: Types.ObjectId; updatedAt: Date };

export function secretOf(credentials: Credentials): string {
  if ('token' in credentials) return credentials.token;
  return 'apiToken' in credentials ? credentials.apiToken : credentials.password;
}

/** What the admin sees of a store's credentials: a token's last 4 characters, a login's name; never a password's. */
export function credentialsHintOf(credentials: Credentials): string {
  if ('username' in credentials) return credentials.username;
  return secretHint(secretOf(credentials));
}

/** A store whose sealed credentials no configured key opens (a key was dropped or mistyped). */
export class CredentialsUnreadableError extends Error {
  override readonly name = 'CredentialsUnreadableError';
  constructor(readonly storeName: string) {
    super(`credentials of store ${storeName} cannot be decrypted with the configured keys`);
  }
}

export const isCredentialsUnreadable = (error: unknown): error is CredentialsUnreadableError =>
  error instanceof CredentialsUnreadableError;

export function createStoreService(
  models: Models,
  options: { keyring: Keyring; endpoints: MarketplaceEndpoints; logger: Logger },
) {
  const { keyring, logger } = options;
  const adapters = new Map<string, { sealedCredentials: string; marketplace: Marketplace }>();
  const sealFor = (storeId: Types.ObjectId | string, credentials: Credentials) =>
    keyring.seal(JSON.stringify(credentials), String(storeId));

  function openCredentials(store: StoreRecord): { credentials: Credentials; stale: boolean } {
    try {
      const opened = keyring.open(store.sealedCredentials, String(store._id));
      return { credentials: credentialsSchema.parse(JSON.parse(opened.plaintext)), stale: opened.stale };
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      logger.error(
        { store: String(store._id), reason: error.message },
        'store credentials cannot be decrypted',
      );
      throw new CredentialsUnreadableError(store.name);
    }
  }

  /**
   * Seals the credentials again with the newest key (and drops a stored fragment of a password).
   * Compared with the value it replaces: a replacement written meanwhile is left as it is.
   */
  async function refresh(store: StoreRecord, credentials: Credentials): Promise<void> {
    const sealedCredentials = sealFor(store._id, credentials);
    await models.stores.updateOne(
      { _id: store._id, sealedCredentials: store.sealedCredentials },
      { $set: { sealedCredentials, credentialsHint: credentialsHintOf(credentials) } },
    );
    const cached = adapters.get(String(store._id));
    if (cached?.sealedCredentials === store.sealedCredentials) cached.sealedCredentials = sealedCredentials;
    logger.info({ store: String(store._id) }, 'store credentials sealed again with the newest key');
  }

  return {
    async create(
      input: { name: string; credentials: Credentials } & Partial<StoreDoc>,
    ): Promise<StoreRecord> {
      const { credentials, ...fields } = input;
      const _id = new Types.ObjectId();
      const store = await models.stores.create({
        ...fields,
        _id,
        marketplace: credentials.marketplace,
        sealedCredentials: sealFor(_id, credentials),
        credentialsHint: credentialsHintOf(credentials),
      });
      return store.toObject() as StoreRecord;
    },

    /**
     * S1: new credentials for the same store: its id, mappings, destinations and watermark stay,
     * and a store paused for refused or unreadable credentials polls again.
     */
    async replaceCredentials(storeId: string, credentials: Credentials): Promise<StoreRecord | null> {
      await models.stores.updateOne(
        { _id: storeId, marketplace: credentials.marketplace },
        {
          $set: {
            sealedCredentials: sealFor(storeId, credentials),
            credentialsHint: credentialsHintOf(credentials),
            status: 'active',
          },
        },
      );
      return models.stores.findById(storeId).lean<StoreRecord>();
    },

    get: (storeId: Types.ObjectId | string) => models.stores.findById(storeId).lean<StoreRecord>(),

    /** the record a caller has just read (the poll scheduler's, for both pollers of a slot), or a fresh read */
    recordOf: (store: StoreRecord | Types.ObjectId | string) =>
      typeof store === 'string' || store instanceof Types.ObjectId
        ? models.stores.findById(store).lean<StoreRecord>()
        : Promise.resolve(store),

    listActive: () => models.stores.find({ status: { $ne: 'paused' } }).lean<StoreRecord[]>(),

    /**
     * One adapter per store, kept while the store's credentials are unchanged so a Rozetka
     * access token survives between polls (every poll updates the store record itself).
     * Throws CredentialsUnreadableError when no configured key opens them.
     */
    marketplaceFor(store: StoreRecord): Marketplace {
      const key = String(store._id);
      const { sealedCredentials } = store;
      const cached = adapters.get(key);
      if (cached?.sealedCredentials === sealedCredentials) return cached.marketplace;
      const { credentials, stale } = openCredentials(store);
      registerSecret(secretOf(credentials));
      const marketplace = createMarketplace(credentials, options.endpoints, logger.child({ store: key }));
      adapters.set(key, { sealedCredentials, marketplace });
      if (stale || store.credentialsHint !== credentialsHintOf(credentials)) {
        void refresh(store, credentials).catch((error: unknown) =>
          logger.warn({ store: key, err: error }, 'store credentials not sealed again; the next read tries'),
        );
      }
      return marketplace;
    },
  };
}

export type StoreService = ReturnType<typeof createStoreService>;
