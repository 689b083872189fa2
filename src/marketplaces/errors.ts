/**
 * Every failure that leaves a marketplace adapter is one of these, so services and
 * the bot can answer in plain words without knowing HTTP or marketplace quirks.
 *
 * - auth: credentials wrong or expired beyond renewal (401/403, Rozetka 1020/6001/1018 after re-login),
 *   or their role lacks a section the bot needs (Rozetka 1010, `permission` says which)
 * - refused: the marketplace understood and said no (Prom 200 + error, Rozetka success:false)
 * - not_found: the order/thread does not exist there
 * - rate_limited: 429 that outlived our retries
 * - unavailable: 5xx, timeouts, network errors that outlived our retries
 * - bad_response: HTML or JSON we cannot read
 */
export type MarketplaceErrorKind =
  'auth' | 'refused' | 'not_found' | 'rate_limited' | 'unavailable' | 'bad_response';

/** A section of the marketplace the credentials' role may not use (Rozetka 1010 `access_denied`). */
export type MarketplacePermission = 'orders' | 'correspondence';

/** Refusals the bot explains in its own words rather than quoting the marketplace. */
export type RefusalCode = 'move_unavailable';

export interface MarketplaceErrorOptions {
  cause?: unknown;
  permission?: MarketplacePermission;
  refusal?: RefusalCode;
}

export class MarketplaceError extends Error {
  override readonly name = 'MarketplaceError';
  /** set when the role behind the credentials lacks this section */
  readonly permission: MarketplacePermission | null;
  /** set when the refusal has a plain-words explanation of our own */
  readonly refusal: RefusalCode | null;

  constructor(
    readonly kind: MarketplaceErrorKind,
    message: string,
    /** the marketplace's own words or code, safe to log and to show to a manager */
    readonly detail: string | null = null,
    options: MarketplaceErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.permission = options.permission ?? null;
    this.refusal = options.refusal ?? null;
  }

  /** errors worth trying again later without anyone changing anything */
  get transient(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable' || this.kind === 'bad_response';
  }
}

export const isMarketplaceError = (error: unknown): error is MarketplaceError =>
  error instanceof MarketplaceError;
