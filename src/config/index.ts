import type { z } from 'zod';
import { envSchema, type Env } from '#src/config/schema.js';
import type { RetentionDays } from '#src/services/retention.js';

export type BotMode = { kind: 'polling' } | { kind: 'webhook'; url: string; secret: string };

/**
 * Running it: what this process does. `bot` takes Telegram updates, `worker` runs the jobs and
 * the outbox sender, `all` does both (one process is enough for most shops).
 */
export type Role = Env['ROLE'];

export interface Config {
  botToken: string;
  mongodbUri: string | undefined;
  adminIds: readonly number[];
  /** newest first: new secrets are sealed with the first, older ones open with any */
  encryptionKeys: readonly Buffer[];
  telegramApiRoot: string;
  promApiUrl: string;
  rozetkaApiUrl: string;
  logLevel: Env['LOG_LEVEL'];
  logFormat: Env['LOG_FORMAT'];
  defaultLocale: Env['DEFAULT_LOCALE'];
  timezone: string;
  dataDir: string;
  /** J4: local hour (in `timezone`) of the admins' daily summary */
  dailySummaryHour: number;
  /** days each kind of record that grows with time is kept (see services/retention.ts) */
  retention: RetentionDays;
  mode: BotMode;
  role: Role;
  /** health and metrics, and Telegram's webhook calls in webhook mode */
  port: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid environment:\n${problems.join('\n')}`);
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = issue.path.join('.') || 'environment';
  if (issue.code === 'invalid_union' && name === 'BOT_MODE')
    return 'BOT_MODE: must be "polling" or "webhook"';
  return `${name}: ${issue.message}`;
}

/** Reads the environment once; unknown variables are ignored, empty ones count as unset. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse({ BOT_MODE: 'polling', ...present });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(describeIssue));
  const e = parsed.data;
  const mode: BotMode =
    e.BOT_MODE === 'webhook'
      ? { kind: 'webhook', url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET }
      : { kind: 'polling' };
  return Object.freeze({
    botToken: e.BOT_TOKEN,
    mongodbUri: e.MONGODB_URI,
    adminIds: Object.freeze([...e.ADMIN_IDS]),
    encryptionKeys: Object.freeze(
      [...e.ENCRYPTION_KEYS, ...e.ENCRYPTION_KEY].filter(
        (key, index, all) => all.findIndex((other) => other.equals(key)) === index,
      ),
    ),
    telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    promApiUrl: e.PROM_API_URL.replace(/\/+$/, ''),
    rozetkaApiUrl: e.ROZETKA_API_URL.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    defaultLocale: e.DEFAULT_LOCALE,
    timezone: e.TZ,
    dataDir: e.DATA_DIR,
    dailySummaryHour: e.DAILY_SUMMARY_HOUR,
    retention: Object.freeze({
      operationLog: e.RETENTION_OPERATION_LOG_DAYS,
      settledOutbox: e.RETENTION_OUTBOX_DAYS,
      claims: e.RETENTION_CLAIMS_DAYS,
      invites: e.RETENTION_INVITES_DAYS,
      statusHistory: e.RETENTION_STATUS_HISTORY_DAYS,
      replyDrafts: e.RETENTION_DRAFTS_DAYS,
    }),
    mode,
    role: e.ROLE,
    port: e.PORT,
  });
}
