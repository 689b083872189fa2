import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault, FaultInjector } from '#src/sandbox/faults.js';

/** A small router for the fake marketplace and Telegram servers (no framework needed). */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** parsed JSON or urlencoded body; raw text under `rawBody` */
  body: unknown;
  rawBody: Buffer;
  params: Record<string, string>;
  /** aborts when the client hangs up before the answer (a long poll given up) */
  signal: AbortSignal;
}

export interface FakeResponse {
  status?: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** hang up without answering: the client sees a network error */
  reset?: boolean;
}

export type FakeHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: FakeHandler;
}

export interface FakeHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export class FakeRouter {
  private readonly routes: Route[] = [];

  on(method: string, path: string, handler: FakeHandler): this {
    const keys: string[] = [];
    const source = path.replace(/:([A-Za-z_]+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  match(method: string, path: string): { handler: FakeHandler; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method && route.method !== '*') continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(found[i + 1] ?? '')));
      return { handler: route.handler, params };
    }
    return null;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (contentType?.includes('multipart/form-data')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(response: ServerResponse, result: FakeResponse) {
  if (result.reset) {
    response.socket?.destroy();
    return;
  }
  const headers = { ...result.headers };
  let payload = '';
  if (result.json !== undefined) {
    payload = JSON.stringify(result.json);
    headers['content-type'] = 'application/json';
  } else if (result.text !== undefined) {
    payload = result.text;
    headers['content-type'] = result.contentType ?? 'text/plain; charset=utf-8';
  }
  response.writeHead(result.status ?? 200, headers);
  response.end(payload);
}

/** Answers a request with an injected fault; `timeout` never answers until the client gives up. */
export function faultResponse(fault: Fault, response: ServerResponse): boolean {
  switch (fault.kind) {
    case 'timeout':
      return true;
    case 'reset':
      response.socket?.destroy();
      return true;
    case 'rate_limit':
      send(response, {
        status: 429,
        headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
        json: { error: 'Too Many Requests' },
      });
      return true;
    case 'html':
      send(response, {
        status: 502,
        text: '<html><body><h1>502 Bad Gateway</h1></body></html>',
        contentType: 'text/html',
      });
      return true;
    case 'malformed_json':
      send(response, { status: 200, text: '{"orders": [', contentType: 'application/json' });
      return true;
    default:
      send(response, {
        status: Number(fault.kind.slice(4)),
        text: 'Internal error',
        contentType: 'text/plain',
      });
      return true;
  }
}

export interface StartFakeServerOptions {
  router: FakeRouter;
  port?: number;
  faults?: FaultInjector;
  /** called for every request before routing; may return a response to short-circuit */
  before?: (request: FakeRequest) => FakeResponse | null;
  notFound?: (request: FakeRequest) => FakeResponse;
}

export async function startFakeServer(options: StartFakeServerOptions): Promise<FakeHttpServer> {
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer(async (incoming, response) => {
    const hangUp = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) hangUp.abort();
    });
    try {
      const url = new URL(incoming.url ?? '/', 'http://fake.local');
      const rawBody = await readBody(incoming);
      const request: FakeRequest = {
        method: (incoming.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: parseBody(rawBody, incoming.headers['content-type']),
        rawBody,
        params: {},
        signal: hangUp.signal,
      };
      const fault = options.faults?.take(request.path);
      if (fault) {
        if (fault.kind === 'timeout') hanging.add(response);
        faultResponse(fault, response);
        return;
      }
      const early = options.before?.(request);
      if (early) return send(response, early);
      const matched = options.router.match(request.method, request.path);
      if (!matched) {
        return send(response, options.notFound?.(request) ?? { status: 404, text: 'Not found' });
      }
      request.params = matched.params;
      send(response, await matched.handler(request));
    } catch (error) {
      send(response, { status: 500, text: `fake server error: ${(error as Error).message}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
