import type { z } from 'zod';
import { MarketplaceError } from '#src/marketplaces/errors.js';
import type { HttpClient } from '#src/marketplaces/http.js';
import {
  describeErrors,
  isLoginError,
  readEnvelope,
  refusalError,
} from '#src/marketplaces/rozetka/envelope.js';
import { envelopeSchema, loginContentSchema } from '#src/marketplaces/rozetka/schemas.js';
import type { Logger } from '#src/logger.js';

export type LoginContent = z.infer<typeof loginContentSchema>;

export interface RozetkaPasswordCredentials {
  username: string;
  /** the plain password; it is sent base64-encoded as `/sites` expects */
  password: string;
}

/**
 * The access token of one seller account. Rozetka returns no lifetime (spec §2), so the token
 * is kept until a call says it is bad and then renewed once; concurrent callers share one login.
 */
export interface RozetkaSession {
  /** false for a cabinet API token: nothing can replace it but the admin */
  readonly renewable: boolean;
  token(): Promise<string>;
  /** a fresh token, unless another caller already replaced `staleToken` */
  renew(staleToken: string): Promise<string>;
}

/**
 * A token generated in the cabinet (Settings → "Безпека API"): it goes straight into
 * `Authorization: Bearer`, with no `/sites` (spec §0.3). When Rozetka refuses it there is
 * no login to fall back on.
 */
export function createApiTokenSession(apiToken: string): RozetkaSession {
  return {
    renewable: false,
    token: () => Promise.resolve(apiToken),
    // never asked for (`renewable` is false): there is only ever this one token
    renew: () => Promise.resolve(apiToken),
  };
}

export interface PasswordSession extends RozetkaSession {
  /** always logs in, e.g. to test credentials */
  login(): Promise<LoginContent>;
}

export function createPasswordSession(
  http: HttpClient,
  credentials: RozetkaPasswordCredentials,
  logger?: Logger,
): PasswordSession {
  let currentToken: string | null = null;
  let pendingLogin: Promise<LoginContent> | null = null;

  async function performLogin(): Promise<LoginContent> {
    const envelope = await http.requestJson(
      {
        method: 'POST',
        url: '/sites',
        data: {
          username: credentials.username,
          password: Buffer.from(credentials.password, 'utf8').toString('base64'),
        },
        // nothing changes on the server, so a login lost to a timeout may be sent again
        idempotent: true,
      },
      envelopeSchema,
    );
    const result = readEnvelope(envelope, loginContentSchema, 'log in');
    if (!result.ok) {
      if (isLoginError(result.errors)) {
        throw new MarketplaceError(
          'auth',
          'Rozetka rejected the login or password',
          describeErrors(result.errors),
        );
      }
      throw refusalError(result.errors, 'log in');
    }
    currentToken = result.content.access_token;
    logger?.info('rozetka login succeeded');
    return result.content;
  }

  function login(): Promise<LoginContent> {
    pendingLogin ??= performLogin().finally(() => {
      pendingLogin = null;
    });
    return pendingLogin;
  }

  return {
    renewable: true,
    login,
    async token() {
      if (currentToken !== null) return currentToken;
      return (await login()).access_token;
    },
    async renew(staleToken) {
      if (currentToken !== null && currentToken !== staleToken) return currentToken;
      if (!pendingLogin) currentToken = null;
      logger?.info('rozetka token rejected, logging in again');
      return (await login()).access_token;
    },
  };
}
