import type { Config } from '#src/config/index.js';
import type { Models } from '#src/db/models/index.js';
import type { Logger } from '#src/logger.js';
import type { MarketplaceEndpoints } from '#src/marketplaces/index.js';
import { createClaims } from '#src/services/claims.js';
import { createDailySummaryService } from '#src/services/daily-summary.js';
import { createOrderActions } from '#src/services/order-actions.js';
import { createOrderSync } from '#src/services/order-sync.js';
import { createProductImport } from '#src/services/product-import.js';
import { createStoreService } from '#src/services/stores.js';
import { createUserService } from '#src/services/users.js';

export interface ServiceOptions {
  /** tests shorten the marketplace retry delays */
  httpOptions?: MarketplaceEndpoints['httpOptions'];
}

/** Business rules; services know MongoDB and the marketplace port, never grammY. */
export function createServices(config: Config, models: Models, logger: Logger, options: ServiceOptions = {}) {
  const stores = createStoreService(models, {
    encryptionKey: config.encryptionKey,
    endpoints: {
      promApiUrl: config.promApiUrl,
      rozetkaApiUrl: config.rozetkaApiUrl,
      ...(options.httpOptions ? { httpOptions: options.httpOptions } : {}),
    },
    logger,
  });
  const orderSync = createOrderSync(models, stores, logger);
  const claims = createClaims(models);
  return {
    users: createUserService(models, config.adminIds),
    stores,
    orderSync,
    orderActions: createOrderActions(models, stores, orderSync, logger),
    productImport: createProductImport(models, stores, claims, logger),
    dailySummary: createDailySummaryService(models, claims),
  };
}

export type Services = ReturnType<typeof createServices>;
