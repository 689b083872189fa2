import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Paths that may carry secrets; pino replaces them before anything is written. */
const REDACT_PATHS = [
  'token',
  'password',
  'credentials',
  'accessToken',
  'access_token',
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  '*.token',
  '*.password',
  '*.credentials',
  '*.accessToken',
  '*.access_token',
  '*.authorization',
  'config.botToken',
  'config.encryptionKeys',
];

const CENSOR = '[secret]';

/**
 * Marketplace tokens seen by this process (registered when a store's credentials are opened),
 * blanked out of every line whatever field or message carries them.
 */
const knownSecrets = new Set<string>();

/** Tokens shorter than this are not scrubbed by value: they would blank out ordinary words. */
const MIN_SCRUBBED_SECRET = 8;

export function registerSecret(secret: string): void {
  if (secret.length >= MIN_SCRUBBED_SECRET) knownSecrets.add(secret);
}

const escapeForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** a bot token in a Bot API URL or on its own, a bearer token, a token or password in a query/JSON */
const SECRET_SHAPES = [
  /(?<!\d)\d{5,15}:[A-Za-z0-9_-]{20,}/g,
  /(Bearer\s+)[^\s"'\\]+/gi,
  /((?:access_token|token|password|sessionId)\\?"?\s*[=:]\s*\\?"?)[^\s"'&\\,}]+/gi,
];

/** Every line the logger writes passes here: whatever slipped past the fields is blanked. */
export function scrubSecrets(line: string): string {
  let clean = line;
  for (const shape of SECRET_SHAPES)
    clean = clean.replace(shape, (_match, prefix?: unknown) =>
      typeof prefix === 'string' ? `${prefix}${CENSOR}` : CENSOR,
    );
  for (const secret of knownSecrets) {
    if (clean.includes(secret)) clean = clean.replace(new RegExp(escapeForRegExp(secret), 'g'), CENSOR);
  }
  return clean;
}

/** what errors carry besides their words: request payloads (card texts with buyers' details), configs with headers */
const DROPPED_ERROR_FIELDS = new Set(['payload', 'config', 'request', 'response', 'headers', 'data', 'body']);

type SerializedError = Record<string, unknown>;

/**
 * grammY's GrammyError keeps the method, code and description (its payload holds the card's
 * text); its HttpError keeps the network error's words (they quote the `/bot<TOKEN>/` URL, which
 * the line scrub blanks). Every error keeps its own fields less the payload-like ones, and the
 * errors it wraps in the same shape.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const fields: Record<string, unknown> = { ...error };
  if (error.cause !== undefined) fields.cause = error.cause;
  const kept: SerializedError = {};
  for (const [key, value] of Object.entries(fields)) {
    if (DROPPED_ERROR_FIELDS.has(key) || typeof value === 'function') continue;
    if (value instanceof Error) {
      if (depth < 3) kept[key] = serializeError(value, depth + 1);
    } else if (value === null || typeof value !== 'object' || key === 'parameters') kept[key] = value;
  }
  return { ...kept, type: error.constructor.name, message: error.message, stack: error.stack };
}

/** `destination` lets tests read every line the app writes */
export function createLogger(
  level: string,
  options: LoggerOptions = {},
  destination?: DestinationStream,
): Logger {
  const settings: LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    base: undefined,
    serializers: { err: serializeError, error: serializeError },
    hooks: { streamWrite: scrubSecrets },
    ...options,
  };
  return destination ? pino(settings, destination) : pino(settings);
}
