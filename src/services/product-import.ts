import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { exclusive } from '#src/db/exclusive.js';
import type { Models } from '#src/db/models/index.js';
import type { ProductDoc } from '#src/db/models/product.js';
import type { Logger } from '#src/logger.js';
import type { Product } from '#src/marketplaces/port.js';
import type { StoreRecord, StoreService } from '#src/services/stores.js';
import { isDuplicateKey } from '#src/db/errors.js';

export interface ImportProgress {
  seen: number;
  created: number;
  updated: number;
}

export interface ImportSummary extends ImportProgress {
  /** stored products of the store that the marketplace no longer listed */
  unmatched: number;
}

export type ImportOutcome =
  { ok: true; summary: ImportSummary } | { ok: false; reason: 'busy' | 'not_found' };

type StoredMatch = Pick<ProductDoc, '_id' | 'marketplaceProductId' | 'sku' | 'name' | 'importRun'>;

interface WriteFailure {
  index: number;
  code: number;
}

const IMPORT_LOCK_MS = 30 * 60_000;

/**
 * Which stored record an incoming page row updates: marketplace id first, then SKU, then the
 * exact name. A record already claimed in this run (by an earlier row or page) is never taken
 * by SKU or name, so two marketplace products never collapse into one record.
 */
export function matchPage<Stored extends StoredMatch>(
  page: readonly Product[],
  stored: readonly Stored[],
  run: string,
): { product: Product; match: Stored | null }[] {
  const byId = new Map(stored.map((record) => [record.marketplaceProductId, record]));
  const claimed = new Set(stored.filter((r) => r.importRun === run).map((r) => String(r._id)));
  // id matches first, for the whole page, so a SKU or name never takes a record its own id claims
  const idMatches = page.map((product) => byId.get(product.marketplaceProductId) ?? null);
  for (const match of idMatches) if (match) claimed.add(String(match._id));
  const firstFree = (test: (record: Stored) => boolean) =>
    stored.find((record) => !claimed.has(String(record._id)) && test(record)) ?? null;

  return page.map((product, i) => {
    const match =
      idMatches[i] ??
      (product.sku ? firstFree((r) => r.sku === product.sku) : null) ??
      (product.name ? firstFree((r) => r.name === product.name) : null);
    if (match) claimed.add(String(match._id));
    return { product, match };
  });
}

const fieldsOf = (product: Product, run: string) => ({
  marketplaceProductId: product.marketplaceProductId,
  sku: product.sku,
  name: product.name,
  priceKop: product.priceKop,
  currency: product.currency,
  quantity: product.quantity,
  presence: product.presence,
  group: product.group,
  imageUrl: product.imageUrl,
  importRun: run,
});

function sameProduct(stored: ProductDoc, fields: ReturnType<typeof fieldsOf>): boolean {
  return (Object.keys(fields) as (keyof typeof fields)[]).every(
    (key) => key === 'importRun' || (stored[key] ?? null) === fields[key],
  );
}

/** P1: every page of a store's catalogue into MongoDB, one page in memory at a time. */
export function createProductImport(models: Models, stores: StoreService, logger: Logger) {
  async function storedCandidates(storeId: Types.ObjectId, page: readonly Product[]) {
    const ids = page.map((p) => p.marketplaceProductId);
    const skus = page.flatMap((p) => (p.sku ? [p.sku] : []));
    const names = page.flatMap((p) => (p.name ? [p.name] : []));
    // oldest first, so of two records sharing a SKU the original one is updated
    return models.products
      .find({
        storeId,
        $or: [{ marketplaceProductId: { $in: ids } }, { sku: { $in: skus } }, { name: { $in: names } }],
      })
      .sort({ _id: 1 })
      .lean<ProductDoc[]>();
  }

  /** inserts the page's new products; returns those refused as duplicates of a stored id */
  async function insertNew(store: StoreRecord, fresh: Product[], run: string): Promise<Product[]> {
    try {
      await models.products.insertMany(
        fresh.map((product) => ({
          storeId: store._id,
          marketplace: store.marketplace,
          ...fieldsOf(product, run),
        })),
        { ordered: false },
      );
      return [];
    } catch (error) {
      const raw = (error as { writeErrors?: WriteFailure | WriteFailure[] }).writeErrors;
      const failures = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      if (failures.length === 0 || failures.some((f) => !isDuplicateKey(f))) throw error;
      return failures.flatMap((f) => (fresh[f.index] ? [fresh[f.index] as Product] : []));
    }
  }

  async function savePage(store: StoreRecord, page: readonly Product[], run: string, totals: ImportProgress) {
    const matches = matchPage(page, await storedCandidates(store._id, page), run);
    // FerretDB v1 holds a PostgreSQL connection per statement of a multi-statement update until
    // the command ends (a 100-op bulkWrite exhausts its pool): changed records get one update
    // each, unchanged ones are only marked as seen, in one single-statement updateMany
    const unchanged: Types.ObjectId[] = [];
    for (const { product, match } of matches) {
      if (!match) continue;
      const fields = fieldsOf(product, run);
      if (sameProduct(match, fields)) unchanged.push(match._id);
      else await models.products.updateOne({ _id: match._id }, { $set: fields });
      totals.updated += 1;
    }
    if (unchanged.length > 0) {
      await models.products.updateMany({ _id: { $in: unchanged } }, { $set: { importRun: run } });
    }

    const fresh = matches.flatMap(({ product, match }) => (match ? [] : [product]));
    if (fresh.length > 0) {
      const failed = await insertNew(store, fresh, run);
      totals.created += fresh.length - failed.length;
      // the same id twice in one listing, or a parallel writer: update, never duplicate
      for (const product of failed) {
        await models.products.updateOne(
          { storeId: store._id, marketplaceProductId: product.marketplaceProductId },
          { $set: fieldsOf(product, run) },
        );
        totals.updated += 1;
      }
    }
    totals.seen += page.length;
  }

  return {
    async importStore(
      storeId: Types.ObjectId | string,
      onProgress: (progress: ImportProgress) => Promise<void> = async () => undefined,
    ): Promise<ImportOutcome> {
      const store = await stores.get(storeId);
      if (!store) return { ok: false, reason: 'not_found' };
      const lockKey = `product-import:${String(store._id)}`;
      const claim = await exclusive(models, lockKey, { ttlMs: IMPORT_LOCK_MS, holder: 'import' });
      if (!claim) return { ok: false, reason: 'busy' };
      const run = randomUUID();
      const totals: ImportProgress = { seen: 0, created: 0, updated: 0 };
      try {
        for await (const page of stores.marketplaceFor(store).listProducts()) {
          await savePage(store, page, run, totals);
          await onProgress({ ...totals });
        }
        const unmatched = await models.products.countDocuments({
          storeId: store._id,
          importRun: { $ne: run },
        });
        logger.info({ store: String(store._id), ...totals, unmatched }, 'products imported');
        return { ok: true, summary: { ...totals, unmatched } };
      } finally {
        await claim.release();
      }
    },
  };
}

export type ProductImport = ReturnType<typeof createProductImport>;
