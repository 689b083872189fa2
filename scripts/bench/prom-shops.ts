import http from 'node:http';
import { startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';

/**
 * Many fake Prom shops behind one address: a Prom API token belongs to one company, so the
 * bench gives each store its own token and this front sends each request to that token's shop.
 */
export async function startPromShops(count: number) {
  const shops: FakeProm[] = [];
  const byToken = new Map<string, FakeProm>();
  for (let index = 0; index < count; index++) {
    const token = `bench-shop-${index}-token`;
    const shop = await startFakeProm({ seed: 1000 + index, tokens: [token] });
    shops.push(shop);
    byToken.set(token, shop);
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const front = http.createServer((request, response) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const shop = byToken.get(token) ?? shops[0];
    const target = new URL(shop!.url);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const address = front.address() as { port: number };
  const apiPath = new URL(shops[0]!.url).pathname;
  return {
    url: `http://127.0.0.1:${address.port}${apiPath}`,
    shops,
    tokenOf: (index: number) => `bench-shop-${index}-token`,
    async close() {
      await new Promise<void>((resolve) => front.close(() => resolve()));
      agent.destroy();
      await Promise.all(shops.map((shop) => shop.close()));
    },
  };
}
