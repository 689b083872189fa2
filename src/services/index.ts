import type { Config } from '#src/config/index.js';
import type { Models } from '#src/db/models/index.js';
import type { Logger } from '#src/logger.js';
import type { MarketplaceEndpoints } from '#src/marketplaces/index.js';
import { createAutoAccept } from '#src/services/auto-accept.js';
import { createBlockedChats } from '#src/services/blocked-chats.js';
import { createBuyerMessages } from '#src/services/buyer-messages.js';
import { createBuyerReplies } from '#src/services/buyer-replies.js';
import { createDestinationService } from '#src/services/destinations.js';
import { createInviteService } from '#src/services/invites.js';
import { createOperations } from '#src/services/operations.js';
import { createOwnerService } from '#src/services/owner.js';
import { createDailySummaryService } from '#src/services/daily-summary.js';
import { createOrderActions } from '#src/services/order-actions.js';
import { createOrderBackfill } from '#src/services/order-backfill.js';
import { createOrderLookup } from '#src/services/order-lookup.js';
import { createOrderSync, type OrderPollOutcome } from '#src/services/order-sync.js';
import { createMappings } from '#src/services/mappings.js';
import { createStoreAdmin } from '#src/services/store-admin.js';
import { createQuietDigest } from '#src/services/quiet-digest.js';
import { createRetention } from '#src/services/retention.js';
import { createStoreHealth } from '#src/services/store-health.js';
import { createProductImport } from '#src/services/product-import.js';
import { createStoreService } from '#src/services/stores.js';
import { createKeyring } from '#src/services/secrets.js';
import { createTeamService } from '#src/services/team.js';
import { createUserService } from '#src/services/users.js';
import { countDeadLetters } from '#src/services/outbox.js';

export interface ServiceOptions {
  /** tests shorten the marketplace retry delays */
  httpOptions?: MarketplaceEndpoints['httpOptions'];
  /** told of every failed order poll (the sync failure metric) */
  syncFailed?: (marketplace: string) => void;
  /** told of every order poll's outcome (the order poll metric) */
  orderPolled?: (outcome: OrderPollOutcome) => void;
}

/** Business rules; services know MongoDB and the marketplace port, never grammY. */
export function createServices(config: Config, models: Models, logger: Logger, options: ServiceOptions = {}) {
  const endpoints = {
    promApiUrl: config.promApiUrl,
    rozetkaApiUrl: config.rozetkaApiUrl,
    ...(options.httpOptions ? { httpOptions: options.httpOptions } : {}),
  };
  const keyring = createKeyring(config.encryptionKeys);
  const stores = createStoreService(models, { keyring, endpoints, logger });
  const clock = { timeZone: config.timezone };
  const health = createStoreHealth(models, logger, clock);
  const observer = {
    syncSucceeded: health.syncSucceeded,
    syncFailed(...failure: Parameters<typeof health.syncFailed>) {
      options.syncFailed?.(failure[0].marketplace);
      return health.syncFailed(...failure);
    },
  };
  const orderSync = createOrderSync(models, stores, logger, {
    clock,
    observer,
    ...(options.orderPolled ? { polled: options.orderPolled } : {}),
  });
  return {
    users: createUserService(models, config.adminIds),
    stores,
    orderSync,
    orderActions: createOrderActions(models, stores, orderSync, logger, config.timezone),
    autoAccept: createAutoAccept(models, stores, orderSync, logger, config.timezone),
    orderLookup: createOrderLookup(models, config.timezone),
    orderBackfill: createOrderBackfill(stores, orderSync, logger),
    storeAdmin: createStoreAdmin(models, stores, { keyring, endpoints, logger }),
    mappings: createMappings(models, stores),
    buyerMessages: createBuyerMessages(models, stores, logger),
    buyerReplies: createBuyerReplies(models, stores, logger),
    invites: createInviteService(models, config.adminIds),
    owner: createOwnerService(models, config.adminIds),
    team: createTeamService(models, config.adminIds),
    destinations: createDestinationService(models),
    health,
    quietDigest: createQuietDigest(models, config.timezone),
    operations: createOperations(models),
    productImport: createProductImport(models, stores, logger),
    dailySummary: createDailySummaryService(models),
    blockedChats: createBlockedChats(models),
    deadLetters: () => countDeadLetters(models),
    retention: createRetention(models, config.retention),
  };
}

export type Services = ReturnType<typeof createServices>;
