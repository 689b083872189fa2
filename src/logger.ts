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
  'config.encryptionKey',
];

/** `destination` lets tests read every line the app writes */
export function createLogger(
  level: string,
  options: LoggerOptions = {},
  destination?: DestinationStream,
): Logger {
  const settings = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[secret]' },
    base: undefined,
    ...options,
  };
  return destination ? pino(settings, destination) : pino(settings);
}
