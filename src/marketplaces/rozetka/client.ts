import type { z } from 'zod';
import {
  MarketplaceError,
  isMarketplaceError,
  type MarketplacePermission,
} from '#src/marketplaces/errors.js';
import type { HttpClient } from '#src/marketplaces/http.js';
import type { RozetkaSession } from '#src/marketplaces/rozetka/auth.js';
import {
  describeErrors,
  isTokenError,
  readEnvelope,
  refusalError,
} from '#src/marketplaces/rozetka/envelope.js';
import { envelopeSchema } from '#src/marketplaces/rozetka/schemas.js';

export interface RozetkaRequest<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT';
  path: string;
  params?: Record<string, string | number | undefined>;
  body?: unknown;
  /** see HttpRequest.idempotent: a POST is not repeated after a timeout unless this says so */
  idempotent?: boolean;
  content: S;
  /** what the call does, in words that complete "Rozetka refused to …" */
  action: string;
}

export interface RozetkaClient {
  call<S extends z.ZodType>(request: RozetkaRequest<S>): Promise<z.infer<S>>;
}

/** The permission a path needs, to name it when Rozetka answers `access_denied` (spec §0.3). */
function sectionOf(path: string): MarketplacePermission | null {
  if (/^\/(orders|order-statuses|status-availables)\b/.test(path)) return 'orders';
  if (path.startsWith('/messages')) return 'correspondence';
  return null;
}

class TokenRejected extends Error {
  constructor(readonly detail: string | null) {
    super('rozetka token rejected');
  }
}

/**
 * Authenticated calls: Bearer on each, `success` checked on each, one re-login on a bad token
 * (a cabinet API token cannot be renewed: its refusal is final).
 */
export function createRozetkaClient(http: HttpClient, session: RozetkaSession): RozetkaClient {
  async function callWithToken<S extends z.ZodType>(
    request: RozetkaRequest<S>,
    token: string,
  ): Promise<z.infer<S>> {
    let envelope;
    try {
      envelope = await http.requestJson(
        {
          method: request.method ?? 'GET',
          url: request.path,
          params: request.params,
          data: request.body,
          headers: { Authorization: `Bearer ${token}` },
          ...(request.idempotent === undefined ? {} : { idempotent: request.idempotent }),
        },
        envelopeSchema,
      );
    } catch (error) {
      // http.ts turns HTTP 401/403 into 'auth'; Rozetka may signal an expired token that way too
      if (isMarketplaceError(error) && error.kind === 'auth') throw new TokenRejected(error.detail);
      throw error;
    }
    const result = readEnvelope(envelope, request.content, request.action);
    if (result.ok) return result.content;
    if (isTokenError(result.errors)) throw new TokenRejected(describeErrors(result.errors));
    throw refusalError(result.errors, request.action, sectionOf(request.path));
  }

  return {
    async call(request) {
      const token = await session.token();
      let rejectedDetail: string | null;
      try {
        return await callWithToken(request, token);
      } catch (error) {
        if (!(error instanceof TokenRejected)) throw error;
        rejectedDetail = error.detail;
      }
      if (!session.renewable) {
        throw new MarketplaceError('auth', 'Rozetka refused the cabinet API token', rejectedDetail);
      }
      const freshToken = await session.renew(token);
      try {
        return await callWithToken(request, freshToken);
      } catch (error) {
        if (!(error instanceof TokenRejected)) throw error;
        throw new MarketplaceError('auth', 'Rozetka rejected a freshly issued access token', error.detail);
      }
    },
  };
}
