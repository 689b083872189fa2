import type { Logger } from '#src/logger.js';
import type { HttpClientOptions } from '#src/marketplaces/http.js';
import type { Credentials, Marketplace } from '#src/marketplaces/port.js';
import { createPromMarketplace } from '#src/marketplaces/prom/adapter.js';
import { createRozetkaMarketplace } from '#src/marketplaces/rozetka/index.js';

export interface MarketplaceEndpoints {
  promApiUrl: string;
  rozetkaApiUrl: string;
  httpOptions?: Partial<Omit<HttpClientOptions, 'baseURL' | 'logger' | 'headers'>>;
}

export function createMarketplace(
  credentials: Credentials,
  endpoints: MarketplaceEndpoints,
  logger: Logger,
): Marketplace {
  const httpOptions = endpoints.httpOptions ?? {};
  return credentials.marketplace === 'prom'
    ? createPromMarketplace({ baseUrl: endpoints.promApiUrl, token: credentials.token, logger, httpOptions })
    : createRozetkaMarketplace({
        baseUrl: endpoints.rozetkaApiUrl,
        credentials,
        logger,
        httpOptions,
      });
}
