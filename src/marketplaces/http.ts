import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { MarketplaceError } from '#src/marketplaces/errors.js';

export interface HttpClientOptions {
  baseURL: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** attempts after the first one, for failures worth retrying */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** minimum gap between request starts (Prom throttles bursts) */
  minIntervalMs?: number;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpRequest extends Pick<
  AxiosRequestConfig,
  'method' | 'url' | 'params' | 'data' | 'headers'
> {
  /**
   * Safe to repeat after a timeout or 5xx. GET/PUT are; a POST is only when the caller says so,
   * because repeating e.g. a chat reply after a timeout could send it twice.
   */
  idempotent?: boolean;
  /**
   * Reads that can wait (buyer messages, catalogue pages): while the token's pace holds calls
   * back, every other call starts first, so a poll of new orders or a manager's tap never
   * queues behind them.
   */
  background?: boolean;
}

export interface HttpClient {
  /** the parsed JSON body (any HTTP status except the ones turned into errors) */
  requestJson<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.infer<S>>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const RETRYABLE_NETWORK_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN']);
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND']);

type Attempt =
  | { outcome: 'ok'; body: unknown }
  | { outcome: 'retry'; error: MarketplaceError; delayMs?: number; safeForAll: boolean }
  | { outcome: 'fail'; error: MarketplaceError };

function retryAfterMs(response: AxiosResponse): number | undefined {
  const header = response.headers['retry-after'];
  if (typeof header !== 'string' && typeof header !== 'number') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(header));
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function parseBody(text: unknown): { ok: true; body: unknown } | { ok: false } {
  if (typeof text !== 'string') return { ok: true, body: text };
  if (text.trim() === '') return { ok: true, body: null };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function classify(response: AxiosResponse): Attempt {
  const { status } = response;
  if (status === 429) {
    const delayMs = retryAfterMs(response);
    return {
      outcome: 'retry',
      error: new MarketplaceError('rate_limited', 'marketplace rate limit'),
      safeForAll: true,
      ...(delayMs === undefined ? {} : { delayMs }),
    };
  }
  if (status >= 500) {
    return {
      outcome: 'retry',
      error: new MarketplaceError('unavailable', `marketplace answered HTTP ${status}`),
      safeForAll: status === 503,
    };
  }
  const parsed = parseBody(response.data);
  if (status === 401 || status === 403) {
    const detail = parsed.ok ? JSON.stringify(parsed.body)?.slice(0, 300) : null;
    return {
      outcome: 'fail',
      error: new MarketplaceError('auth', `marketplace answered HTTP ${status}`, detail),
    };
  }
  if (status === 404 && !parsed.ok) {
    return { outcome: 'fail', error: new MarketplaceError('not_found', 'marketplace answered HTTP 404') };
  }
  if (!parsed.ok) {
    return {
      outcome: 'retry',
      error: new MarketplaceError(
        'bad_response',
        `marketplace answered HTTP ${status} with a body that is not JSON`,
      ),
      safeForAll: false,
    };
  }
  if (status === 404) {
    return { outcome: 'fail', error: new MarketplaceError('not_found', 'marketplace answered HTTP 404') };
  }
  return { outcome: 'ok', body: parsed.body };
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const {
    retries = 3,
    baseDelayMs = 500,
    maxDelayMs = 30_000,
    minIntervalMs = 0,
    sleep = defaultSleep,
    logger,
  } = options;
  const instance = axios.create({
    baseURL: options.baseURL,
    headers: options.headers ?? {},
    timeout: options.timeoutMs ?? 20_000,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });
  const waiting: { background: boolean; go: () => void }[] = [];
  let lastStartAt = 0;
  let pumping = false;

  /** lets the waiting calls start one per `minIntervalMs`, foreground ones first */
  async function pump() {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting.length > 0) {
        const waitMs = lastStartAt + minIntervalMs - Date.now();
        if (waitMs > 0) await sleep(waitMs);
        const foreground = waiting.findIndex((call) => !call.background);
        const [next] = waiting.splice(foreground === -1 ? 0 : foreground, 1);
        lastStartAt = Date.now();
        next?.go();
      }
    } finally {
      pumping = false;
    }
  }

  function throttle(background: boolean): Promise<void> {
    if (minIntervalMs <= 0) return Promise.resolve();
    return new Promise((go) => {
      waiting.push({ background, go });
      void pump();
    });
  }

  async function attempt(request: HttpRequest): Promise<Attempt> {
    await throttle(request.background ?? false);
    const startedAt = Date.now();
    try {
      const response = await instance.request({
        method: request.method ?? 'GET',
        url: request.url,
        params: request.params,
        data: request.data,
        headers: request.headers,
      });
      logger?.debug(
        {
          method: request.method ?? 'GET',
          url: request.url,
          status: response.status,
          ms: Date.now() - startedAt,
        },
        'marketplace call',
      );
      return classify(response);
    } catch (error) {
      const code = axios.isAxiosError(error) ? (error.code ?? '') : '';
      logger?.debug({ method: request.method ?? 'GET', url: request.url, code }, 'marketplace call failed');
      const wrapped = new MarketplaceError(
        'unavailable',
        `marketplace unreachable (${code || 'network error'})`,
        null,
        {
          cause: error,
        },
      );
      if (NEVER_SENT_CODES.has(code)) return { outcome: 'retry', error: wrapped, safeForAll: true };
      if (RETRYABLE_NETWORK_CODES.has(code) || code === '')
        return { outcome: 'retry', error: wrapped, safeForAll: false };
      return { outcome: 'fail', error: wrapped };
    }
  }

  return {
    async requestJson(request, schema) {
      const method = (request.method ?? 'GET').toUpperCase();
      const idempotent = request.idempotent ?? method !== 'POST';
      for (let attemptNo = 0; ; attemptNo++) {
        const result = await attempt(request);
        if (result.outcome === 'ok') {
          const parsed = schema.safeParse(result.body);
          if (parsed.success) return parsed.data;
          logger?.warn(
            { url: request.url, issues: parsed.error.issues.slice(0, 5) },
            'marketplace response shape',
          );
          throw new MarketplaceError('bad_response', 'marketplace response has an unexpected shape');
        }
        if (result.outcome === 'fail') throw result.error;
        const mayRetry = attemptNo < retries && (idempotent || result.safeForAll);
        if (!mayRetry) throw result.error;
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** attemptNo);
        const jittered = backoff / 2 + Math.random() * (backoff / 2);
        await sleep(Math.min(maxDelayMs, result.delayMs ?? jittered));
      }
    },
  };
}
