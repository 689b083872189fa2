import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Helpers the benchmark and chaos scripts share: output, a database of their own, app processes. */
export const print = (figure: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(figure)}\n`);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const numberFromEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** MONGODB_URI (or TEST_MONGODB_URI) with a fresh database name of `prefix`; exits without one */
export function ownDatabaseUri(prefix: string): string {
  const baseUri = process.env.MONGODB_URI ?? process.env.TEST_MONGODB_URI;
  if (!baseUri) {
    process.stderr.write('set MONGODB_URI (or TEST_MONGODB_URI) to the server to run against\n');
    process.exit(1);
  }
  const dbName = `${prefix}_${randomBytes(3).toString('hex')}`;
  return Object.assign(new URL(baseUri), { pathname: `/${dbName}` }).toString();
}

/** the app's environment against the fakes: one admin, a fresh encryption key */
export function appEnvFor(fakes: {
  telegramUrl: string;
  mongodbUri: string;
  promUrl: string;
  rozetkaUrl?: string;
  logLevel: string;
}): Record<string, string> {
  return {
    BOT_TOKEN: '1:token-for-the-fake-telegram-api',
    TELEGRAM_API_ROOT: fakes.telegramUrl,
    MONGODB_URI: fakes.mongodbUri,
    PROM_API_URL: fakes.promUrl,
    ...(fakes.rozetkaUrl ? { ROZETKA_API_URL: fakes.rozetkaUrl } : {}),
    ADMIN_IDS: '1',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: fakes.logLevel,
    // several app processes on one machine: each takes a free port for health and metrics
    PORT: '0',
  };
}

/**
 * The real app in a child process: from its sources through tsx, or with APP_COMPILED=1 the
 * compiled build (`npm run build`), which is what the Docker image runs. `output` takes its
 * stdout and stderr.
 */
export function spawnApp(env: Record<string, string>, output: 'inherit' | number = 'inherit'): ChildProcess {
  const entry = process.env.APP_COMPILED === '1' ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  return spawn(process.execPath, entry, {
    env: { ...process.env, ...env },
    stdio: ['ignore', output, output],
  });
}

/** SIGTERM and wait for the exit (the app stops within 10 s) */
export function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
