import { pino, type Logger, type LoggerOptions } from 'pino';

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
  'config.encryptionKey',
];

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[secret]' },
    base: undefined,
    ...options,
  });
}
