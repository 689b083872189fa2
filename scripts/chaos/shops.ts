import type { FaultKind } from '#src/sandbox/faults.js';
import type { Credentials } from '#src/marketplaces/port.js';
import { startPromShops } from '../lib/prom-shops.js';
import { startRozetkaShops } from '../lib/rozetka-shops.js';

/** One fake shop as the chaos run drives it, whichever marketplace it is on. */
export interface ChaosShop {
  marketplace: 'prom' | 'rozetka';
  credentials: Credentials;
  /** a new order the manager may accept; its marketplace id */
  addOrder(): number;
  addBuyerMessage(body: string): void;
  /** the order's status as the marketplace holds it */
  statusOf(orderId: number): string | number | undefined;
  faults: { setRate(rate: number, kinds?: FaultKind[]): void; readonly served: Record<string, number> };
}

/** `perMarketplace` Prom shops and as many Rozetka ones, each behind its marketplace's one address */
export async function startChaosShops(perMarketplace: number) {
  const prom = await startPromShops(perMarketplace);
  const rozetka = await startRozetkaShops(perMarketplace);
  const shops: ChaosShop[] = [
    ...prom.shops.map((shop, index): ChaosShop => ({
      marketplace: 'prom',
      credentials: { marketplace: 'prom', token: prom.tokenOf(index) },
      addOrder: () => shop.addOrder({ status: 'pending' }).id,
      addBuyerMessage: (body) => void shop.addChatMessage({ body }),
      statusOf: (orderId) => shop.getOrder(orderId)?.status,
      faults: shop.faults,
    })),
    ...rozetka.shops.map((shop, index): ChaosShop => ({
      marketplace: 'rozetka',
      credentials: rozetka.credentialsOf(index),
      addOrder: () => shop.addOrder({ status: 1 }).id,
      addBuyerMessage: (body) => void shop.addChatMessage({ body }),
      statusOf: (orderId) => shop.getOrder(orderId)?.status,
      faults: shop.faults,
    })),
  ];
  return {
    shops,
    promUrl: prom.url,
    rozetkaUrl: rozetka.url,
    expireRozetkaTokens: () => rozetka.expireTokens(),
    rozetkaLogins: () => rozetka.shops.reduce((sum, shop) => sum + shop.logins, 0),
    close: () => Promise.all([prom.close(), rozetka.close()]),
  };
}

/** faults served by all the shops of one marketplace, by kind */
export function faultsServed(shops: ChaosShop[], marketplace: ChaosShop['marketplace']) {
  const total: Record<string, number> = {};
  for (const shop of shops.filter((s) => s.marketplace === marketplace)) {
    for (const [kind, count] of Object.entries(shop.faults.served)) total[kind] = (total[kind] ?? 0) + count;
  }
  return total;
}
