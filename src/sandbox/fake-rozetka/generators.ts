import { formatKyiv } from '#src/marketplaces/rozetka/kyiv-time.js';
import { moneyToKopiyky } from '#src/marketplaces/rozetka/money.js';
import { statusGroupOf } from '#src/marketplaces/rozetka/statuses.js';
import {
  BUYER_COMMENTS,
  CITIES,
  DELIVERY_SERVICES,
  FIRST_NAMES,
  LAST_NAMES,
  PAYMENT_METHODS,
  PRODUCTS,
  STREETS,
} from '#src/sandbox/fake-rozetka/fixtures.js';
import type { Random } from '#src/sandbox/random.js';
import type { FakeGoodsItem, FakeOrder, FakePurchase } from '#src/sandbox/fake-rozetka/types.js';

const MOBILE_CODES = ['50', '63', '66', '67', '68', '73', '93', '95', '97', '98'] as const;
const CONTENT_URL = 'https://content.rozetka.com.ua/goods/images/preview';

/** Integer kopiyky as Rozetka's money text, "1498.00". */
export function money(kopiyky: number): string {
  const sign = kopiyky < 0 ? '-' : '';
  const absolute = Math.abs(kopiyky);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** Rozetka's money text back to integer kopiyky (0 when it is not money). */
export const kopiykyOf = (text: string) => moneyToKopiyky(text) ?? 0;

export function buildGoodsItem(random: Random, sequence: number, now: Date): FakeGoodsItem {
  const product = PRODUCTS[sequence % PRODUCTS.length] ?? PRODUCTS[0];
  const variant = Math.floor(sequence / PRODUCTS.length);
  const rzItemId = 400_100_001 + sequence;
  const name = variant === 0 ? product.name : `${product.name}, варіант ${variant + 1}`;
  const stock = random.chance(0.15) ? 0 : random.int(1, 60);
  return {
    rz_item_id: rzItemId,
    item_id: 9_000_001 + sequence,
    price_offer_id: `SKU-${1001 + sequence}`,
    sync_source_id: 77,
    name,
    name_ua: name,
    name_ru: name,
    article: variant === 0 ? product.article : `${product.article}-${variant + 1}`,
    url: `https://rozetka.com.ua/${rzItemId}/p${rzItemId}/`,
    price: product.price + variant * 10,
    price_old: product.price + variant * 10 + (random.chance(0.3) ? 100 : 0),
    price_promo: null,
    stock_quantity: stock,
    sold: random.int(0, 120),
    available: stock > 0 ? 1 : 0,
    available_title: stock > 0 ? 'В наявності' : 'Немає в наявності',
    item_active: 1,
    rz_category: { id: 4_620_000 + (sequence % 20), title: product.category, title_ua: product.category },
    photo_preview: [`${CONTENT_URL}/${rzItemId}.jpg`],
    created_at: formatKyiv(new Date(now.getTime() - random.int(30, 400) * 86_400_000)),
  };
}

function buildPurchase(random: Random, purchaseId: number, goods: FakeGoodsItem): FakePurchase {
  const quantity = random.chance(0.8) ? 1 : 2;
  const priceKop = goods.price * 100;
  const discountKop = random.pick([0, 0, 0, 5000, 10000]);
  return {
    id: purchaseId,
    item_id: goods.rz_item_id,
    item_name: goods.name_ua,
    quantity,
    price: money(priceKop),
    price_with_discount: money(priceKop - discountKop),
    cost: money(priceKop * quantity),
    cost_with_discount: money((priceKop - discountKop) * quantity),
    kit_id: 0,
    status: 1,
    item: {
      id: goods.rz_item_id,
      name: goods.name,
      name_ua: goods.name_ua,
      article: goods.article,
      price_offer_id: goods.price_offer_id,
      price: money(priceKop),
      stock_quantity: goods.stock_quantity,
      photo_preview: goods.photo_preview[0] ?? '',
      url: goods.url,
      sold: goods.sold,
    },
  };
}

/** Sums that follow from the purchases, as Rozetka computes them (delivery is not in `cost`). */
export function orderTotals(purchases: readonly FakePurchase[]) {
  const sum = (field: 'cost' | 'cost_with_discount') =>
    money(purchases.reduce((total, purchase) => total + kopiykyOf(purchase[field]), 0));
  return {
    amount: sum('cost'),
    amount_with_discount: sum('cost_with_discount'),
    cost: sum('cost'),
    cost_with_discount: sum('cost_with_discount'),
    total_quantity: purchases.reduce((total, purchase) => total + purchase.quantity, 0),
    items_photos: purchases.map((purchase) => ({
      id: purchase.item_id,
      url: purchase.item.photo_preview,
      item_url: purchase.item.url,
      item_name: purchase.item_name,
      item_price: purchase.price_with_discount,
    })),
  };
}

export interface OrderIds {
  orderId: number;
  userId: number;
  firstPurchaseId: number;
}

/** A new order as a buyer would place it, realistic per the spec's sample (§3.5). */
export function buildOrder(
  random: Random,
  ids: OrderIds,
  goods: readonly FakeGoodsItem[],
  now: Date,
): { order: FakeOrder; deliveryType: 0 | 1 } {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const fullName = `${lastName} ${firstName}`;
  const phone = `380${random.pick(MOBILE_CODES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
  const service = random.chance(0.55) ? DELIVERY_SERVICES[0] : random.pick(DELIVERY_SERVICES);
  if (!service) throw new Error('no delivery services in the fixture');
  const city = random.pick(CITIES);
  const payment = random.pick(PAYMENT_METHODS);
  const picked = new Set<FakeGoodsItem>();
  const wanted = Math.min(goods.length, random.chance(0.7) ? 1 : random.int(2, 3));
  while (picked.size < wanted) picked.add(random.pick(goods));
  const purchases = [...picked].map((item, index) =>
    buildPurchase(random, ids.firstPurchaseId + index, item),
  );
  const created = formatKyiv(now);
  const reserve = formatKyiv(new Date(now.getTime() + 7 * 86_400_000)).slice(0, 10);
  const name = { first_name: firstName, last_name: lastName, second_name: '', full_name: fullName };
  const order: FakeOrder = {
    id: ids.orderId,
    created,
    changed: created,
    ...orderTotals(purchases),
    status: 1,
    status_group: statusGroupOf(1) ?? 1,
    seller_comment: [],
    seller_comment_created: '',
    current_seller_comment: '',
    comment: random.pick(BUYER_COMMENTS),
    user_phone: phone,
    user_title: name,
    from_warehouse: 0,
    ttn: '',
    mk_created: false,
    can_copy: false,
    created_type: 4,
    is_viewed: false,
    callback_off: random.chance(0.1) ? 1 : 0,
    is_fulfillment: false,
    duplicate_order_id: null,
    is_delivery_edit_available: true,
    can_prolong: false,
    is_review_request_send: 0,
    review_request_status: 'Запит на відгук не відправлено',
    user: { id: ids.userId, has_email: true, contact_fio: fullName, email: 'true' },
    delivery: {
      delivery_service_id: service.id,
      delivery_service_name: service.name,
      delivery_method_id: service.methodId,
      recipient_title: fullName,
      recipient_first_name: firstName,
      recipient_last_name: lastName,
      recipient_second_name: '',
      recipient_phone: phone,
      another_recipient: false,
      place_id: random.int(10_000, 99_999),
      pickup_rz_id: '',
      pickup_type: 0,
      place_street: random.pick(STREETS),
      place_number: service.methodId === 1 ? String(random.int(1, 250)) : '',
      place_house: String(random.int(1, 120)),
      place_flat: service.methodId === 2 ? String(random.int(1, 200)) : null,
      cost: null,
      reserve_date: reserve,
      delivery_date: null,
      city: {
        id: city.id,
        uuid: '',
        city_name: city.title,
        title: city.title,
        region_title: city.region_title,
        status: 1,
      },
      ref_id: service.logo === 'nova-pochta' ? '1692281f-e1c2-11e3-8c4a-0050568002cf' : '',
      name_logo: service.logo,
      email: null,
    },
    purchases,
    payment: {
      payment_method_id: payment.id,
      payment_method_name: payment.name,
      payment_type: payment.type,
      payment_type_title: payment.typeTitle,
      payment_status: payment.type === 'card' ? { id: 2, name: 'paid', title: 'Оплачено' } : null,
      credit: null,
    },
  };
  return { order, deliveryType: service.deliveryType };
}
