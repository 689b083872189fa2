import { startFakeRozetka, type FakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import { bearerOf, startShopFront, type FrontRequest } from './shop-front.js';

const PASSWORD = 'chaos-password';

function usernameOf(body: Buffer): string {
  const text = body.toString('utf8');
  try {
    return String((JSON.parse(text) as { username?: unknown }).username ?? '');
  } catch {
    return new URLSearchParams(text).get('username') ?? '';
  }
}

/**
 * Many fake Rozetka sellers behind one address: a login goes to the shop of its username, any
 * other call to the shop that issued its token.
 */
export async function startRozetkaShops(count: number, firstSeed = 2000) {
  const shops: FakeRozetka[] = [];
  const usernameAt = (index: number) => `seller-${index}`;
  for (let index = 0; index < count; index++) {
    shops.push(
      await startFakeRozetka({
        seed: firstSeed + index,
        seller: { username: usernameAt(index), password: PASSWORD },
        marketTitle: `Rozetka shop ${index}`,
      }),
    );
  }
  const shopOf = ({ headers, body }: FrontRequest) => {
    const token = bearerOf(headers);
    if (token) return shops.find((shop) => shop.state.tokens.has(token));
    const username = usernameOf(body);
    return shops.find((shop) => shop.state.sellers.has(username));
  };
  const front = await startShopFront((request) => (shopOf(request) ?? shops[0]!).url);
  return {
    url: front.origin,
    shops,
    credentialsOf: (index: number) => ({
      marketplace: 'rozetka' as const,
      username: usernameAt(index),
      password: PASSWORD,
    }),
    /** every token issued so far fails from now on, in every shop */
    expireTokens() {
      for (const shop of shops) shop.expireTokens();
    },
    async close() {
      await front.close();
      await Promise.all(shops.map((shop) => shop.close()));
    },
  };
}
