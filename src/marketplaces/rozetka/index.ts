import { z } from 'zod';
import { MarketplaceError, type MarketplacePermission } from '#src/marketplaces/errors.js';
import { createHttpClient, type HttpClientOptions } from '#src/marketplaces/http.js';
import type { Marketplace } from '#src/marketplaces/port.js';
import {
  createApiTokenSession,
  createPasswordSession,
  type PasswordSession,
  type RozetkaPasswordCredentials,
  type RozetkaSession,
} from '#src/marketplaces/rozetka/auth.js';
import { createCatalogOperations } from '#src/marketplaces/rozetka/catalog.js';
import { createRozetkaClient } from '#src/marketplaces/rozetka/client.js';
import { ROZETKA_REPLY_MAX_LENGTH, createMessageOperations } from '#src/marketplaces/rozetka/messages.js';
import { ALL_ORDERS_TYPES, createOrderOperations } from '#src/marketplaces/rozetka/orders.js';
import { toCancelReasons } from '#src/marketplaces/rozetka/to-domain.js';
import type { Logger } from '#src/logger.js';

export interface RozetkaMarketplaceOptions {
  /** e.g. https://api-seller.rozetka.com.ua or a fake server */
  baseUrl: string;
  credentials: RozetkaPasswordCredentials | { apiToken: string };
  logger?: Logger;
  httpOptions?: Partial<Omit<HttpClientOptions, 'baseURL' | 'logger' | 'headers'>>;
  /** seller cabinet for "Open in marketplace" links */
  cabinetUrl?: string;
  now?: () => Date;
}

const ROZETKA_CABINET_URL = 'https://seller.rozetka.com.ua';

/** What the bot needs a role to have (spec §2 "ApiPermissionsInfo"). */
const NEEDED_PERMISSIONS: readonly { code: string; section: MarketplacePermission }[] = [
  { code: 'order_edit', section: 'orders' },
  { code: 'correspondence', section: 'correspondence' },
];

function missingPermission(section: MarketplacePermission): MarketplaceError {
  return new MarketplaceError(
    'auth',
    `The Rozetka role of these credentials lacks the permission ${section}`,
    null,
    { permission: section },
  );
}

export function createRozetkaMarketplace(options: RozetkaMarketplaceOptions): Marketplace {
  const logger = options.logger?.child({ marketplace: 'rozetka' });
  const now = options.now ?? (() => new Date());
  const http = createHttpClient({
    ...options.httpOptions,
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    headers: { 'Content-Language': 'uk', Accept: 'application/json' },
    ...(logger ? { logger } : {}),
  });
  const { credentials } = options;
  let passwordSession: PasswordSession | null = null;
  let session: RozetkaSession;
  if ('apiToken' in credentials) session = createApiTokenSession(credentials.apiToken);
  else session = passwordSession = createPasswordSession(http, credentials, logger);
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
      if (passwordSession) {
        const login = await passwordSession.login();
        // a login names its role's permissions; an older answer without the list is taken on trust
        const granted = login.permissions;
        const lacking = granted && NEEDED_PERMISSIONS.find(({ code }) => !granted.includes(code));
        if (lacking) throw missingPermission(lacking.section);
        return { shopName: login.market?.title ?? null };
      }
      // a cabinet token has no login to test: one small call per section it must reach
      await client.call({
        path: '/orders/search',
        params: { types: ALL_ORDERS_TYPES, page: 1 },
        content: z.unknown(),
        action: 'list orders',
      });
      await client.call({
        path: '/messages/search',
        params: { msgType: 'orders', page: 1 },
        content: z.unknown(),
        action: 'list order chats',
      });
      return { shopName: null };
    },
    ...orders,
    cancelReasons: toCancelReasons,
    ...messages,
    ...catalog,
  };
}
