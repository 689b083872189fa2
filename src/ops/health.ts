import { GrammyError, type Api } from 'grammy';
import type { Connection } from 'mongoose';

/** a check's verdict: `ok`, or what is wrong in a few words */
export type CheckResult = 'ok' | (string & {});
export type HealthChecks = Record<string, () => Promise<CheckResult>>;

export interface HealthReport {
  status: 'ok' | 'failing';
  checks: Record<string, CheckResult>;
}

const CHECK_TIMEOUT_MS = 3_000;
/** Docker asks every 30 s; while Telegram answers, it is asked at most this often */
const TELEGRAM_OK_REMEMBERED_MS = 15_000;
/** the poll loop ticks every 200 ms; this long without a tick that ran through means it is stuck */
const POLL_LOOP_STALE_MS = 30_000;

const withTimeout = (check: () => Promise<CheckResult>): Promise<CheckResult> =>
  Promise.race([
    check().catch((error: unknown) => (error instanceof Error ? error.message : String(error))),
    new Promise<CheckResult>((resolve) =>
      setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`), CHECK_TIMEOUT_MS).unref(),
    ),
  ]);

/** `GET /healthz`: every check of this process's role, at once; healthy when all are ok */
export async function runHealthChecks(checks: HealthChecks): Promise<HealthReport> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map((name) => withTimeout(checks[name] as () => Promise<CheckResult>)),
  );
  const report = Object.fromEntries(names.map((name, i) => [name, results[i] as CheckResult]));
  return { status: results.every((result) => result === 'ok') ? 'ok' : 'failing', checks: report };
}

export async function databaseCheck(connection: Connection): Promise<CheckResult> {
  if (!connection.db) return 'not connected';
  await connection.db.admin().ping();
  return 'ok';
}

/**
 * getMe; a success is remembered for a while so health probes do not become Telegram traffic,
 * a failure is not, so recovery shows at the next probe
 */
export function telegramCheck(api: Api): () => Promise<CheckResult> {
  let okAt = 0;
  return async () => {
    if (Date.now() - okAt < TELEGRAM_OK_REMEMBERED_MS) return 'ok';
    try {
      await api.getMe();
      okAt = Date.now();
      return 'ok';
    } catch (error) {
      // never the error's text: a network error quotes the address, and the address holds the token
      return error instanceof GrammyError ? `refused: ${error.description}` : 'unreachable';
    }
  };
}

export const pollLoopCheck = (sinceLastTick: () => number | null) => async (): Promise<CheckResult> => {
  const since = sinceLastTick();
  if (since === null) return 'not running';
  return since < POLL_LOOP_STALE_MS ? 'ok' : `no tick for ${Math.round(since / 1000)} s`;
};

export const senderCheck = (running: () => boolean) => async (): Promise<CheckResult> =>
  running() ? 'ok' : 'the sender thread has stopped';

export const jobsCheck = (processing: () => boolean) => async (): Promise<CheckResult> =>
  processing() ? 'ok' : 'the job processor is not running';
