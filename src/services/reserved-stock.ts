import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { Order } from '#src/marketplaces/port.js';

/**
 * Units promised to buyers but still on the shelf: orders a manager accepted (status group
 * "processing") that have no waybill yet. A TTN means the parcel left (Prom's declaration,
 * Rozetka's status 3 "handed to the carrier" and later carry one).
 */
export function reservesStock(order: Pick<Order, 'statusGroup' | 'delivery'>): boolean {
  return order.statusGroup === 'processing' && !order.delivery.ttn;
}

/** Reserved units of one store, keyed so a product is found by id, then SKU, then name. */
export class ReservedUnits {
  private readonly units = new Map<string, number>();

  add(item: { productId: string | null; sku: string | null; name: string }, quantity: number) {
    const key = item.productId ? `id:${item.productId}` : item.sku ? `sku:${item.sku}` : `name:${item.name}`;
    this.units.set(key, (this.units.get(key) ?? 0) + quantity);
  }

  /** units reserved for a product, counting each order item once */
  for(product: { marketplaceProductId: string; sku?: string | null; name: string }): number {
    return (
      (this.units.get(`id:${product.marketplaceProductId}`) ?? 0) +
      (product.sku ? (this.units.get(`sku:${product.sku}`) ?? 0) : 0) +
      (this.units.get(`name:${product.name}`) ?? 0)
    );
  }
}

export async function reservedUnitsOf(models: Models, storeId: Types.ObjectId): Promise<ReservedUnits> {
  const reserved = new ReservedUnits();
  const cursor = models.orders
    .find({ storeId, statusGroup: 'processing' })
    .select({ data: 1 })
    .lean<{ data: Order }[]>()
    .cursor({ batchSize: 1_000 });
  for await (const { data } of cursor) {
    if (!reservesStock(data)) continue;
    for (const item of data.items) reserved.add(item, item.quantity);
  }
  return reserved;
}
