import { isTimeOfDay } from '#src/services/clock-window.js';
import type { Models } from '#src/db/models/index.js';
import { registerSecret, type Logger } from '#src/logger.js';
import { isMarketplaceError, type MarketplacePermission } from '#src/marketplaces/errors.js';
import { createMarketplace, type MarketplaceEndpoints } from '#src/marketplaces/index.js';
import type { Credentials, MarketplaceKind } from '#src/marketplaces/port.js';
import type { Keyring } from '#src/services/secrets.js';
import { editSerially } from '#src/services/serial-edit.js';
import { secretOf, type StoreRecord, type StoreService } from '#src/services/stores.js';

export const STORE_NAME_MAX = 60;
export const SOURCE_LABEL_MAX = 40;
export const SIGNATURE_MAX = 300;
export const TEMPLATE_TITLE_MAX = 30;
export const TEMPLATE_TEXT_MAX = 1000;
export const TEMPLATES_MAX = 20;
export const AUTO_ACCEPT_CHOICES = [0, 5, 10, 15, 30, 60] as const;
export const POLL_INTERVAL_CHOICES = [15, 30, 60, 120, 300, 600, 1800] as const;

/** "9:00-18:30", "09:00 – 18:30" → both ends as "HH:MM"; null when it is not a range. */
export function parseWorkingHours(text: string): { from: string; to: string } | null {
  const match = /^\s*(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const [, fh = '', fm = '', th = '', tm = ''] = match;
  const from = `${fh.padStart(2, '0')}:${fm}`;
  const to = `${th.padStart(2, '0')}:${tm}`;
  if (!isTimeOfDay(from) || !isTimeOfDay(to) || from === to) return null;
  return { from, to };
}

export type ConnectResult =
  | { ok: true; storeId: string; name: string; hint: string }
  | { ok: false; reason: 'wrong_credentials' | 'unavailable' | 'no_secret' | 'not_found' }
  | { ok: false; reason: 'missing_permission'; permission: MarketplacePermission };

type CredentialCheck = 'ok' | 'wrong_credentials' | 'unavailable' | { missing: MarketplacePermission };

/**
 * What the admin typed, as credentials: a Prom token; for Rozetka a login and password, or,
 * without a login, a token generated in the cabinet (spec §0.3).
 */
export function credentialsOf(
  marketplace: MarketplaceKind,
  username: string | null,
  secret: string,
): Credentials {
  if (marketplace === 'prom') return { marketplace, token: secret };
  return username === null ? { marketplace, apiToken: secret } : { marketplace, username, password: secret };
}

export interface StoreSettingsPatch {
  name?: string;
  sourceLabel?: string;
  responsibleManagerId?: number | null;
  autoAcceptDelayMinutes?: number | null;
  workingHoursFrom?: string | null;
  workingHoursTo?: string | null;
  pollIntervalSeconds?: number;
  replySignature?: string;
  importedStatuses?: string[];
}

/** What the credential steps of a dialogue collected besides the captured secret. */
export interface CredentialsInput {
  chatId: number;
  marketplace: MarketplaceKind;
  username: string | null;
}

type StoreUpdate = StoreSettingsPatch & {
  status?: 'active' | 'paused';
  replyTemplates?: { title: string; text: string }[];
};

const OBJECT_ID = /^[a-f0-9]{24}$/;

/**
 * S1–S3: what an admin does to stores. Connecting takes the secret from a sealed capture
 * (see bot/middlewares/secret-input.ts), checks it against the marketplace and only then saves.
 */
export function createStoreAdmin(
  models: Models,
  stores: StoreService,
  options: { keyring: Keyring; endpoints: MarketplaceEndpoints; logger: Logger },
) {
  const { keyring } = options;
  /** a captured secret opens only for the chat and person it was typed by */
  const captureContext = (chatId: number, userId: number) => `secret-input:${chatId}:${userId}`;

  const find = (storeId: string) =>
    OBJECT_ID.test(storeId) ? models.stores.findById(storeId).lean<StoreRecord>() : Promise.resolve(null);

  async function update(storeId: string, patch: StoreUpdate) {
    if (!OBJECT_ID.test(storeId)) return null;
    await editSerially(models, `store:${storeId}`, () =>
      models.stores.updateOne({ _id: storeId }, { $set: patch }, { runValidators: true }),
    );
    return find(storeId);
  }

  /** One code is added or pulled by itself; run one at a time per store (see toggleImportedStatus). */
  async function toggleStatus(storeId: string, code: string, allCodes: string[]) {
    const store = await find(storeId);
    if (!store) return null;
    const { importedStatuses } = store;
    await models.stores.updateOne(
      { _id: storeId },
      importedStatuses.length === 0
        ? { $set: { importedStatuses: allCodes.filter((c) => c !== code) } }
        : importedStatuses.includes(code)
          ? { $pull: { importedStatuses: code } }
          : { $addToSet: { importedStatuses: code } },
    );
    const updated = await find(storeId);
    if (updated && allCodes.every((c) => updated.importedStatuses.includes(c))) {
      await models.stores.updateOne(
        { _id: storeId, importedStatuses: { $all: allCodes } },
        { $set: { importedStatuses: [] } },
      );
      return find(storeId);
    }
    return updated;
  }

  /** The captured secret with what the dialogue asked before it; the capture is spent either way. */
  async function takeCredentials(input: CredentialsInput): Promise<Credentials | null> {
    const waiting = await models.secretInputs.findOne({ chatId: input.chatId }).lean();
    await models.secretInputs.deleteOne({ chatId: input.chatId });
    if (!waiting?.sealed) return null;
    const secret = keyring.open(waiting.sealed, captureContext(input.chatId, waiting.userId)).plaintext;
    return credentialsOf(input.marketplace, input.username, secret);
  }

  async function checkCredentials(credentials: Credentials): Promise<CredentialCheck> {
    registerSecret(secretOf(credentials));
    const marketplace = createMarketplace(
      credentials,
      options.endpoints,
      options.logger.child({ part: 'store connect' }),
    );
    try {
      await marketplace.checkCredentials();
      return 'ok';
    } catch (error) {
      const kind = isMarketplaceError(error) ? error.kind : 'unexpected';
      // only the kind: the error of a login call may quote the request
      options.logger.info({ kind, marketplace: credentials.marketplace }, 'credential check failed');
      if (isMarketplaceError(error) && error.permission) return { missing: error.permission };
      return kind === 'auth' || kind === 'refused' ? 'wrong_credentials' : 'unavailable';
    }
  }

  return {
    find,

    list: () => models.stores.find().sort({ createdAt: 1, _id: 1 }).lean<StoreRecord[]>(),

    /** who can be a store's responsible manager */
    teamMembers: () => models.users.find({ active: true }).sort({ name: 1, telegramId: 1 }).lean(),

    update,

    async setPaused(storeId: string, paused: boolean) {
      return update(storeId, { status: paused ? 'paused' : 'active' });
    },

    /** The store and its mappings go; its orders stay as history. */
    async remove(storeId: string): Promise<boolean> {
      const result = await models.stores.deleteOne({ _id: storeId });
      await models.storeMappings.deleteMany({ storeId });
      return result.deletedCount === 1;
    },

    async addTemplate(storeId: string, template: { title: string; text: string }) {
      if (!OBJECT_ID.test(storeId)) return null;
      await editSerially(models, `store:${storeId}`, () =>
        models.stores.updateOne(
          { _id: storeId, [`replyTemplates.${TEMPLATES_MAX - 1}`]: { $exists: false } },
          { $push: { replyTemplates: template } },
        ),
      );
      return find(storeId);
    },

    /** Pulls that template itself, so a template another admin added meanwhile stays. */
    async removeTemplate(storeId: string, index: number) {
      if (!OBJECT_ID.test(storeId)) return null;
      return editSerially(models, `store:${storeId}`, async () => {
        const store = await find(storeId);
        const template = store?.replyTemplates[index];
        if (!template) return store;
        await models.stores.updateOne(
          { _id: storeId },
          { $pull: { replyTemplates: { title: template.title, text: template.text } } },
        );
        return find(storeId);
      });
    },

    /**
     * Empty list means every status; the last one switched off turns the list back to "all".
     * One code is added or pulled by itself, so another admin's change to another code stays.
     */
    async toggleImportedStatus(storeId: string, code: string, allCodes: string[]) {
      if (!OBJECT_ID.test(storeId)) return null;
      return editSerially(models, `store:${storeId}`, () => toggleStatus(storeId, code, allCodes));
    },

    /** The next text message of this user in this chat is taken as a secret. */
    async expectSecret(chatId: number, userId: number): Promise<void> {
      await models.secretInputs.updateOne(
        { chatId },
        { $set: { chatId, userId, sealed: null } },
        { upsert: true },
      );
    },

    /** true when the text was taken as the awaited secret (and must be deleted from the chat) */
    async captureSecret(chatId: number, userId: number, text: string): Promise<boolean> {
      const waiting = await models.secretInputs.findOne({ chatId, userId }).lean();
      if (!waiting || waiting.sealed !== null) return false;
      await models.secretInputs.updateOne(
        { chatId, userId },
        { $set: { sealed: keyring.seal(text.trim(), captureContext(chatId, userId)) } },
      );
      return true;
    },

    /**
     * Opens the captured secret, checks it against the marketplace and saves the store.
     * Nothing is saved when the check fails; the capture is spent either way.
     */
    async connect(input: CredentialsInput & { name: string }): Promise<ConnectResult> {
      const credentials = await takeCredentials(input);
      if (!credentials) return { ok: false, reason: 'no_secret' };
      const check = await checkCredentials(credentials);
      if (typeof check === 'object')
        return { ok: false, reason: 'missing_permission', permission: check.missing };
      if (check !== 'ok') return { ok: false, reason: check };
      const store = await stores.create({ name: input.name, credentials });
      options.logger.info({ store: String(store._id), marketplace: input.marketplace }, 'store connected');
      return { ok: true, storeId: String(store._id), name: store.name, hint: store.credentialsHint };
    },

    /**
     * S1: the same checks as connecting, then the store keeps its id, mappings, destinations and
     * watermark with the new credentials. Nothing changes when the check fails.
     */
    async replaceCredentials(input: CredentialsInput & { storeId: string }): Promise<ConnectResult> {
      const store = await find(input.storeId);
      const credentials = await takeCredentials(input);
      if (!store || store.marketplace !== input.marketplace) return { ok: false, reason: 'not_found' };
      if (!credentials) return { ok: false, reason: 'no_secret' };
      const check = await checkCredentials(credentials);
      if (typeof check === 'object')
        return { ok: false, reason: 'missing_permission', permission: check.missing };
      if (check !== 'ok') return { ok: false, reason: check };
      const updated = await stores.replaceCredentials(input.storeId, credentials);
      if (!updated) return { ok: false, reason: 'not_found' };
      options.logger.info(
        { store: input.storeId, marketplace: input.marketplace },
        'store credentials replaced',
      );
      return { ok: true, storeId: input.storeId, name: updated.name, hint: updated.credentialsHint };
    },
  };
}

export type StoreAdmin = ReturnType<typeof createStoreAdmin>;
