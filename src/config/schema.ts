import { z } from 'zod';
import { localeSchema } from '#src/config/locales.js';
import { logFormats } from '#src/log-output.js';

const telegramIds = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const ids: number[] = [];
    for (const part of value.split(',').map((p) => p.trim())) {
      if (part === '') continue;
      if (!/^\d{1,15}$/.test(part)) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not a Telegram user id (digits only)` });
        continue;
      }
      ids.push(Number(part));
    }
    return ids;
  });

/** AES-256 keys as base64, comma-separated, newest first */
const encryptionKeys = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const keys: Buffer[] = [];
    const parts = (value ?? '').split(',').map((part) => part.trim());
    parts.forEach((part, index) => {
      if (part === '') return;
      const key = Buffer.from(part, 'base64');
      if (key.length === 32) keys.push(key);
      else
        ctx.addIssue({
          code: 'custom',
          message: `${parts.length > 1 ? `key ${index + 1} ` : ''}must be 32 bytes encoded as base64 (openssl rand -base64 32)`,
        });
    });
    return keys;
  });

const url = (fallback: string) => z.url({ message: 'must be a URL' }).default(fallback);

/** a retention in whole days, at least `min` */
const retentionDays = (fallback: number, min: number) =>
  z.coerce
    .number({ message: `must be a whole number of days, at least ${min}` })
    .int(`must be a whole number of days, at least ${min}`)
    .min(min, `must be a whole number of days, at least ${min}`)
    .default(fallback);

const commonEnv = {
  BOT_TOKEN: z
    .string({ message: 'is required (get one from @BotFather)' })
    .regex(/^\d+:[\w-]{20,}$/, 'does not look like a bot token from @BotFather'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  ADMIN_IDS: telegramIds,
  ENCRYPTION_KEYS: encryptionKeys,
  /** the single key of earlier versions; still read, after ENCRYPTION_KEYS */
  ENCRYPTION_KEY: encryptionKeys,
  TELEGRAM_API_ROOT: url('https://api.telegram.org'),
  PROM_API_URL: url('https://my.prom.ua/api/v1'),
  ROZETKA_API_URL: url('https://api-seller.rozetka.com.ua'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(logFormats, { message: 'must be auto, pretty or json' }).default('auto'),
  DEFAULT_LOCALE: localeSchema.default('uk'),
  TZ: z
    .string()
    .default('Europe/Kyiv')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'is not an IANA time zone such as Europe/Kyiv'),
  DATA_DIR: z.string().default('./data'),
  DAILY_SUMMARY_HOUR: z.coerce
    .number({ message: 'must be an hour from 0 to 23' })
    .int('must be an hour from 0 to 23')
    .min(0, 'must be an hour from 0 to 23')
    .max(23, 'must be an hour from 0 to 23')
    .default(20),
  RETENTION_OPERATION_LOG_DAYS: retentionDays(30, 1),
  RETENTION_OUTBOX_DAYS: retentionDays(7, 1),
  // Telegram re-sends an update for a day: its claim must outlive that
  RETENTION_CLAIMS_DAYS: retentionDays(7, 2),
  RETENTION_INVITES_DAYS: retentionDays(90, 1),
  RETENTION_STATUS_HISTORY_DAYS: retentionDays(90, 2),
  RETENTION_DRAFTS_DAYS: retentionDays(30, 1),
  ROLE: z.enum(['all', 'bot', 'worker'], { message: 'must be all, bot or worker' }).default('all'),
  /** health, metrics and (webhook mode) Telegram's calls; 0 takes any free port */
  PORT: z.coerce
    .number({ message: 'must be a port number from 0 to 65535' })
    .int('must be a port number from 0 to 65535')
    .min(0, 'must be a port number from 0 to 65535')
    .max(65535, 'must be a port number from 0 to 65535')
    .default(8080),
};

export const envSchema = z.discriminatedUnion('BOT_MODE', [
  z.object({ ...commonEnv, BOT_MODE: z.literal('polling') }),
  z.object({
    ...commonEnv,
    BOT_MODE: z.literal('webhook'),
    WEBHOOK_URL: z.url({ message: 'must be the public https URL Telegram will call' }),
    WEBHOOK_SECRET: z
      .string({ message: 'is required in webhook mode' })
      .regex(/^[\w-]{12,256}$/, 'must be 12-256 characters of A-Z, a-z, 0-9, _ or -'),
  }),
]);

export type Env = z.infer<typeof envSchema>;
