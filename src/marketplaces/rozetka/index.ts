import { createHttpClient, type HttpClientOptions } from '#src/marketplaces/http.js';
import type { Marketplace } from '#src/marketplaces/port.js';
import { createRozetkaSession } from '#src/marketplaces/rozetka/auth.js';
import { createCatalogOperations } from '#src/marketplaces/rozetka/catalog.js';
import { createRozetkaClient } from '#src/marketplaces/rozetka/client.js';
import { ROZETKA_REPLY_MAX_LENGTH, createMessageOperations } from '#src/marketplaces/rozetka/messages.js';
import { createOrderOperations } from '#src/marketplaces/rozetka/orders.js';
import { toCancelReasons } from '#src/marketplaces/rozetka/to-domain.js';
import type { Logger } from '#src/logger.js';

export interface RozetkaMarketplaceOptions {
  /** e.g. https://api-seller.rozetka.com.ua or a fake server */
  baseUrl: string;
  username: string;
  password: string;
  logger?: Logger;
  httpOptions?: Partial<Omit<HttpClientOptions, 'baseURL' | 'logger' | 'headers'>>;
  /** seller cabinet for "Open in marketplace" links */
  cabinetUrl?: string;
  now?: () => Date;
}

const ROZETKA_CABINET_URL = 'https://seller.rozetka.com.ua';

export function createRozetkaMarketplace(options: RozetkaMarketplaceOptions): Marketplace {
  const logger = options.logger?.child({ marketplace: 'rozetka' });
  const now = options.now ?? (() => new Date());
  const http = createHttpClient({
    ...options.httpOptions,
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    headers: { 'Content-Language': 'uk', Accept: 'application/json' },
    ...(logger ? { logger } : {}),
  });
  const session = createRozetkaSession(
    http,
    { username: options.username, password: options.password },
    logger,
  );
  const client = createRozetkaClient(http, session);
  const orders = createOrderOperations({
    client,
    cabinetUrl: (options.cabinetUrl ?? ROZETKA_CABINET_URL).replace(/\/+$/, ''),
    now,
    logger,
  });
  const messages = createMessageOperations({ client, now, logger });
  const catalog = createCatalogOperations(client);

  return {
    kind: 'rozetka',
    replyMaxLength: ROZETKA_REPLY_MAX_LENGTH,
    async checkCredentials() {
      const login = await session.login();
      return { shopName: login.market?.title ?? null };
    },
    ...orders,
    cancelReasons: toCancelReasons,
    ...messages,
    ...catalog,
  };
}
