import { FAKE_PROM_TOKEN, startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { startFakeRozetka, type FakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import type { StoreRecord } from '#src/services/stores.js';
import { addManager, greetAdmin, startTestBed, type TestBed } from '#test/harness/app.js';

export interface TwoShops {
  bed: TestBed;
  prom: FakeProm;
  rozetka: FakeRozetka;
  promStore: StoreRecord;
  rozetkaStore: StoreRecord;
  close(): Promise<void>;
}

/** The bot with a greeted admin and one store on each marketplace's fake (Prom, then Rozetka). */
export async function startTwoShops(
  testFile: string,
  options: { seed: number; pollIntervalSeconds: number; withManager?: boolean },
): Promise<TwoShops> {
  const prom = await startFakeProm({ seed: options.seed });
  const rozetka = await startFakeRozetka({ seed: options.seed + 1 });
  const bed = await startTestBed(testFile, {
    env: { PROM_API_URL: prom.url, ROZETKA_API_URL: rozetka.url },
  });
  if (options.withManager) await addManager(bed);
  await greetAdmin(bed);
  const promStore = await bed.app.services.stores.create({
    name: 'Туристичний Prom',
    credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
    pollIntervalSeconds: options.pollIntervalSeconds,
  });
  const rozetkaStore = await bed.app.services.stores.create({
    name: 'Гаджети Rozetka',
    credentials: { marketplace: 'rozetka', username: 'demo', password: 'demo' },
    pollIntervalSeconds: options.pollIntervalSeconds,
  });
  return {
    bed,
    prom,
    rozetka,
    promStore,
    rozetkaStore,
    async close() {
      await bed.close();
      await prom.close();
      await rozetka.close();
    },
  };
}
