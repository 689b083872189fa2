import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#src/config/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs `npm start`'s entry point in an empty folder so no .env file is picked up. */
function startWith(env: Record<string, string>) {
  const cwd = mkdtempSync(path.join(tmpdir(), 'md-env-'));
  return spawnSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/main.ts')],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
}

describe('Running it — bad environment', () => {
  it('exits 1 with one plain line per problem and no stack trace', () => {
    const result = startWith({ ADMIN_IDS: '12,abc', ENCRYPTION_KEY: 'short', BOT_MODE: 'webhook' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/cannot start/);
    expect(lines.slice(1).map((line) => line.trim().split(':')[0])).toEqual([
      'BOT_TOKEN',
      'ADMIN_IDS',
      'ENCRYPTION_KEY',
      'WEBHOOK_URL',
      'WEBHOOK_SECRET',
    ]);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    expect(result.stdout).toBe('');
  });

  it('names an unknown bot mode', () => {
    const result = startWith({ BOT_TOKEN: '123:AAAAAAAAAAAAAAAAAAAAAAAAAAAA', BOT_MODE: 'carrier-pigeon' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('BOT_MODE: must be "polling" or "webhook"');
  });

  it('names an unknown role and defaults to all', () => {
    const token = '123:AAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(loadConfig({ BOT_TOKEN: token }).role).toBe('all');
    expect(loadConfig({ BOT_TOKEN: token, ROLE: 'worker' }).role).toBe('worker');
    const problems = (() => {
      try {
        loadConfig({ BOT_TOKEN: token, ROLE: 'janitor' });
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [];
      }
    })();
    expect(problems).toEqual(['ROLE: must be all, bot or worker']);
  });

  it('reads PORT in every mode and LOG_FORMAT, and names bad values', () => {
    const token = '123:AAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(loadConfig({ BOT_TOKEN: token })).toMatchObject({ port: 8080, logFormat: 'auto' });
    expect(loadConfig({ BOT_TOKEN: token, PORT: '0', LOG_FORMAT: 'pretty' })).toMatchObject({
      port: 0,
      logFormat: 'pretty',
    });
    const problems = (() => {
      try {
        loadConfig({ BOT_TOKEN: token, PORT: '80000', LOG_FORMAT: 'xml', MONGODB_URI: 'localhost:27017' });
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [];
      }
    })();
    expect(problems).toEqual([
      'MONGODB_URI: must start with mongodb:// or mongodb+srv://',
      'LOG_FORMAT: must be auto, pretty or json',
      'PORT: must be a port number from 0 to 65535',
    ]);
  });

  it('reads the retention days with their defaults, and names bad values', () => {
    const token = '123:AAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(loadConfig({ BOT_TOKEN: token }).retention).toEqual({
      operationLog: 30,
      settledOutbox: 7,
      claims: 7,
      invites: 90,
      statusHistory: 90,
      replyDrafts: 30,
    });
    expect(loadConfig({ BOT_TOKEN: token, RETENTION_OPERATION_LOG_DAYS: '3' }).retention.operationLog).toBe(
      3,
    );
    const problems = (() => {
      try {
        loadConfig({ BOT_TOKEN: token, RETENTION_CLAIMS_DAYS: '1', RETENTION_OUTBOX_DAYS: 'week' });
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [];
      }
    })();
    expect(problems).toEqual([
      'RETENTION_OUTBOX_DAYS: must be a whole number of days, at least 1',
      'RETENTION_CLAIMS_DAYS: must be a whole number of days, at least 2',
    ]);
  });
});
