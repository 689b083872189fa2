import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient } from '#src/marketplaces/http.js';

const arrived: string[] = [];
const server = createServer((request, response) => {
  arrived.push(request.url ?? '');
  response.setHeader('content-type', 'application/json');
  response.end('{}');
});

beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('O1 a token’s pace serves order calls before background reads', () => {
  it('a call made while background reads wait for their turn starts before them', async () => {
    const { port } = server.address() as AddressInfo;
    const http = createHttpClient({ baseURL: `http://127.0.0.1:${port}`, minIntervalMs: 40, retries: 0 });
    const call = (url: string, background: boolean) => http.requestJson({ url, background }, z.object({}));
    const calls = [
      call('/messages-1', true),
      call('/messages-2', true),
      call('/messages-3', true),
      call('/orders', false),
    ];
    await Promise.all(calls);

    expect(arrived).toEqual(['/messages-1', '/orders', '/messages-2', '/messages-3']);
  });
});
