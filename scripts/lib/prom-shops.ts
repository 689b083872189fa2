import { startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { bearerOf, startShopFront } from './shop-front.js';

/**
 * Many fake Prom shops behind one address: a Prom API token belongs to one company, so each
 * store gets its own token and the front sends each request to that token's shop.
 */
export async function startPromShops(count: number, firstSeed = 1000) {
  const shops: FakeProm[] = [];
  const byToken = new Map<string, FakeProm>();
  const tokenOf = (index: number) => `bench-shop-${index}-token`;
  for (let index = 0; index < count; index++) {
    const shop = await startFakeProm({ seed: firstSeed + index, tokens: [tokenOf(index)] });
    shops.push(shop);
    byToken.set(tokenOf(index), shop);
  }
  const front = await startShopFront(({ headers }) => (byToken.get(bearerOf(headers)) ?? shops[0]!).url);
  const apiPath = new URL(shops[0]!.url).pathname;
  return {
    url: `${front.origin}${apiPath}`,
    shops,
    tokenOf,
    async close() {
      await front.close();
      await Promise.all(shops.map((shop) => shop.close()));
    },
  };
}
