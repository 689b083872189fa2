import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Order, OrderItem, OrderStatusGroup } from '#src/marketplaces/port.js';

export interface OrderFixture {
  storeId: Types.ObjectId;
  number: string;
  placedAt: Date;
  status?: string;
  statusLabel?: string;
  statusGroup?: OrderStatusGroup;
  items?: OrderItem[];
  ttn?: string | null;
  assigneeName?: string | null;
  buyerName?: string;
  audit?: { at: Date; by: string | null; action: string; detail: string | null }[];
}

export const item = (
  productId: string | null,
  sku: string | null,
  name: string,
  quantity: number,
  priceKop = 10_000,
): OrderItem => ({
  productId,
  sku,
  name,
  quantity,
  priceKop,
  totalKop: priceKop * quantity,
  imageUrl: null,
});

/** An order row as order-sync stores it (port Order under `data`), for tests and benchmarks. */
export function orderRecord(fixture: OrderFixture) {
  const items = fixture.items ?? [item('1', 'SKU-1', 'Термос', 1)];
  const totalKop = items.reduce((sum, i) => sum + i.totalKop, 0);
  const buyerName = fixture.buyerName ?? 'Олена Коваленко';
  const data: Order = {
    marketplace: 'prom',
    marketplaceOrderId: fixture.number,
    number: fixture.number,
    status: fixture.status ?? 'received',
    statusLabel: fixture.statusLabel ?? 'Прийнято',
    statusGroup: fixture.statusGroup ?? 'processing',
    createdAt: fixture.placedAt,
    updatedAt: fixture.placedAt,
    totalKop,
    currency: 'UAH',
    buyer: { marketplaceClientId: null, fullName: buyerName, phone: '+380671234567', email: null },
    delivery: {
      methodId: '1',
      methodName: 'Нова Пошта',
      carrier: 'nova_poshta',
      city: 'Київ',
      address: 'Відділення №1',
      recipientName: buyerName,
      recipientPhone: '+380671234567',
      ttn: fixture.ttn ?? null,
      costKop: null,
    },
    payment: { methodId: '1', methodName: 'Накладений платіж', status: 'unpaid' },
    items,
    comment: null,
    source: null,
    url: null,
    transitions: [],
    rawJson: '{}',
  };
  return {
    storeId: fixture.storeId,
    marketplace: 'prom' as const,
    marketplaceOrderId: fixture.number,
    number: fixture.number,
    status: data.status,
    statusGroup: data.statusGroup,
    placedAt: fixture.placedAt,
    totalKop,
    buyerPhone: '+380671234567',
    buyerName,
    data,
    contentHash: createHash('sha1').update(fixture.number).digest('hex'),
    assigneeName: fixture.assigneeName ?? null,
    audit: fixture.audit ?? [],
  };
}
