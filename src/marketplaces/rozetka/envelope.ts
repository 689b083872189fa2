import type { z } from 'zod';
import {
  MarketplaceError,
  type MarketplaceErrorKind,
  type MarketplacePermission,
} from '#src/marketplaces/errors.js';
import { errorEntrySchema, type RozetkaEnvelope } from '#src/marketplaces/rozetka/schemas.js';

/** One Rozetka error, whichever of its shapes it came in (spec §1 "Error object"). */
export interface RozetkaApiError {
  code: string | null;
  message: string;
  description: string | null;
  details: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `errors` may be an array of `{code, message, details}` (apidoc), a single such object
 * (third-party clients), an object keyed by item id (`/items/mass-update`) or a bare string.
 */
export function normaliseErrors(errors: unknown): RozetkaApiError[] {
  if (Array.isArray(errors)) return errors.flatMap(normaliseErrors);
  if (typeof errors === 'string' || typeof errors === 'number') {
    return [{ code: null, message: String(errors), description: null, details: null }];
  }
  if (!isPlainObject(errors))
    return [{ code: null, message: 'unknown_error', description: null, details: null }];
  if ('code' in errors || 'message' in errors) {
    const entry = errorEntrySchema.safeParse(errors);
    if (entry.success) {
      const { code, message, description, details } = entry.data;
      return [{ code, message: message ?? 'unknown_error', description, details: details ?? null }];
    }
  }
  return Object.entries(errors).map(([key, value]) => ({
    code: null,
    message: 'rejected',
    description: `${key}: ${JSON.stringify(value).slice(0, 200)}`,
    details: value,
  }));
}

const TOKEN_ERROR_CODES = new Set(['1020', '6001', '1018']);
const TOKEN_ERROR_WORDS = /incorrect_access_token|session_expired|incorrect_enter_token/;

/** The access token is bad or expired: log in again (spec §2 "Expiry signal", §0.4 for 1018). */
export function isTokenError(errors: readonly RozetkaApiError[]): boolean {
  return errors.some(
    (error) =>
      (error.code !== null && TOKEN_ERROR_CODES.has(error.code)) ||
      TOKEN_ERROR_WORDS.test(`${error.message} ${error.description ?? ''}`),
  );
}

const LOGIN_ERROR_WORDS = /incorrect_username_pas+word|invalid_credentials|user_not_found/;
const LOGIN_ERROR_CODES = new Set(['1004', '1018', '1020', '1021', '5401']);

/** Wrong login or password, in either spelling the API is said to use (spec §2, UNCONFIRMED). */
export function isLoginError(errors: readonly RozetkaApiError[]): boolean {
  return errors.some(
    (error) =>
      (error.code !== null && LOGIN_ERROR_CODES.has(error.code)) || LOGIN_ERROR_WORDS.test(error.message),
  );
}

const KIND_BY_CODE: Record<string, MarketplaceErrorKind> = {
  '0': 'unavailable',
  '1015': 'unavailable',
  '5503': 'unavailable',
  '1019': 'not_found',
  '1404': 'not_found',
  '5404': 'not_found',
  '1020': 'auth',
  '6001': 'auth',
  '1018': 'auth',
  '5401': 'auth',
  // the role behind the token lacks the section: no retry or re-login can help (spec §0.3)
  '1010': 'auth',
};

const PLAIN_WORDS_BY_CODE: Record<string, string> = {
  '0': 'Rozetka had an internal error',
  '1001': 'a required field is missing',
  '1002': 'a field has a wrong format',
  '1005': 'Rozetka found the data incorrect',
  '1010': 'the Rozetka user has no permission for this',
  '1018': 'the access token is not valid',
  '1015': 'Rozetka had an unexpected error',
  '1019': 'Rozetka does not know this record',
  '1020': 'the access token is not valid',
  '1031': 'the change cannot be saved right now',
  '1404': 'Rozetka does not know this record',
  '3002': 'the item is locked while Rozetka processes it',
  '5401': 'access to this method is not allowed',
  '5404': 'Rozetka does not know this record',
  '5503': 'Rozetka is under technical maintenance',
  '6001': 'the session has expired',
};

export function describeErrors(errors: readonly RozetkaApiError[]): string {
  return errors
    .map(
      (error) => `${error.code ?? '-'} ${error.message}${error.description ? `: ${error.description}` : ''}`,
    )
    .join('; ');
}

function plainWords(error: RozetkaApiError): string {
  const known = error.code === null ? undefined : PLAIN_WORDS_BY_CODE[error.code];
  const words = known ?? error.message.replace(/[_.]+/g, ' ');
  return error.description ? `${words} (${error.description})` : words;
}

/** The cabinet's names of the sections (spec §2 "ApiPermissionsInfo"). */
const PERMISSION_NAMES: Record<MarketplacePermission, string> = {
  orders: 'Orders (order_edit)',
  correspondence: 'My correspondence (correspondence)',
};

const ACCESS_DENIED_CODE = '1010';

/**
 * `success:false` as a MarketplaceError a manager can read; `action` says what was refused and
 * `section` which permission the call needs, named when Rozetka answers `access_denied`.
 */
export function refusalError(
  errors: readonly RozetkaApiError[],
  action: string,
  section: MarketplacePermission | null = null,
): MarketplaceError {
  const first = errors[0];
  const kind = (first?.code !== null && first?.code !== undefined && KIND_BY_CODE[first.code]) || 'refused';
  const detail = describeErrors(errors);
  if (first?.code === ACCESS_DENIED_CODE && section) {
    return new MarketplaceError(
      kind,
      `Rozetka refused to ${action}: the role of these credentials lacks the permission ${PERMISSION_NAMES[section]}`,
      detail,
      { permission: section },
    );
  }
  const reason = first ? plainWords(first) : 'no reason given';
  return new MarketplaceError(kind, `Rozetka refused to ${action}: ${reason}`, detail);
}

export type EnvelopeResult<T> = { ok: true; content: T } | { ok: false; errors: RozetkaApiError[] };

/** Content that `schema` refused, as a bad response naming the first field at fault. */
export function badShapeError(message: string, error: z.ZodError): MarketplaceError {
  const issue = error.issues[0];
  return new MarketplaceError(
    'bad_response',
    message,
    issue ? `${issue.path.join('.')}: ${issue.message}` : null,
  );
}

/** HTTP 200 is not success: only `success: true` is (spec §1 "Envelope"). */
export function readEnvelope<S extends z.ZodType>(
  envelope: RozetkaEnvelope,
  contentSchema: S,
  action: string,
): EnvelopeResult<z.infer<S>> {
  if (!envelope.success) return { ok: false, errors: normaliseErrors(envelope.errors) };
  const parsed = contentSchema.safeParse(envelope.content);
  if (parsed.success) return { ok: true, content: parsed.data };
  throw badShapeError(`Rozetka answered ${action} with an unexpected shape`, parsed.error);
}
