import {
  CATALOG,
  CHAT_TEXTS,
  DELIVERY_CHOICES,
  FEMALE_BUYERS,
  FEMALE_PATRONYMICS,
  LAST_NAMES,
  LEGACY_SUBJECTS,
  MALE_BUYERS,
  MALE_PATRONYMICS,
  NOTES,
  PAYMENT_CHOICES,
  PHONE_PREFIXES,
  SOURCES,
  STATUS_NAMES,
  type CatalogItem,
} from '#src/sandbox/fake-prom/catalog.js';
import {
  formatDecimal,
  formatMoney,
  formatResponseDate,
  NARROW_NBSP,
  NBSP,
} from '#src/sandbox/fake-prom/format.js';
import type { Random } from '#src/sandbox/random.js';
import type { FakeOrderJson, FakeOrderProductJson, FakeProductJson } from '#src/sandbox/fake-prom/types.js';

export interface GeneratedBuyer {
  firstName: string;
  secondName: string;
  lastName: string;
  email: string;
  phone: string;
}

export function generateBuyer(random: Random): GeneratedBuyer {
  const female = random.chance(0.5);
  const [firstName, latin] = random.pick(female ? FEMALE_BUYERS : MALE_BUYERS);
  return {
    firstName,
    secondName: random.pick(female ? FEMALE_PATRONYMICS : MALE_PATRONYMICS),
    lastName: random.pick(LAST_NAMES),
    email: `${latin}.${random.int(10, 999)}@example.com`,
    phone: `+380${random.pick(PHONE_PREFIXES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`,
  };
}

/** The live product id of a catalogue item, as order lines and legacy messages refer to it. */
const catalogProductId = (item: CatalogItem) => 1987654321 + CATALOG.indexOf(item);

/** Orders mix plain spaces, NBSP and narrow NBSP as thousands separators, as real ones do. */
const moneySeparator = (random: Random) => random.pick([NBSP, NBSP, ' ', NARROW_NBSP]);

function generateOrderProducts(random: Random): { products: FakeOrderProductJson[]; totalKop: number } {
  const count = random.chance(0.7) ? 1 : random.int(2, 3);
  const products: FakeOrderProductJson[] = [];
  let totalKop = 0;
  for (let i = 0; i < count; i++) {
    const item = random.pick(CATALOG);
    const productId = catalogProductId(item);
    const quantity = random.chance(0.8) ? 1 : random.int(2, 4);
    const lineKop = item.priceKop * quantity;
    totalKop += lineKop;
    const separator = moneySeparator(random);
    products.push({
      id: productId,
      external_id: item.sku,
      sku: item.sku,
      // `name` comes back in Russian even with X-LANGUAGE: uk; the Ukrainian one is in name_multilang.
      name: item.ru,
      name_multilang: { uk: item.uk, ru: item.ru },
      image: `https://images.prom.ua/${productId}_w200_h200_${item.slug}.jpg`,
      url: `https://prom.ua/ua/p${productId}-${item.slug}.html`,
      quantity,
      price: formatMoney(item.priceKop, separator),
      total_price: formatMoney(lineKop, separator),
      measure_unit: 'шт.',
      cpa_commission: { amount: formatDecimal(Math.round(lineKop * 0.05)), is_refunded: false },
    });
  }
  return { products, totalKop };
}

export function generateOrder(random: Random, id: number, now: Date): FakeOrderJson {
  const buyer = generateBuyer(random);
  const { products, totalKop } = generateOrderProducts(random);
  const delivery = random.pick(DELIVERY_CHOICES);
  const payment = random.pick(PAYMENT_CHOICES);
  const status = payment.evopay ? 'paid' : 'pending';
  const separator = moneySeparator(random);
  return {
    id,
    client_first_name: buyer.firstName,
    client_second_name: random.chance(0.6) ? buyer.secondName : null,
    client_last_name: buyer.lastName,
    client_id: 98765432 + random.int(0, 99_999),
    client_notes: random.pick(NOTES),
    phone: buyer.phone,
    email: random.chance(0.7) ? buyer.email : null,
    price: formatMoney(totalKop, separator),
    full_price: formatMoney(totalKop, separator),
    delivery_cost: 0,
    products,
    delivery_option: { id: delivery.id, name: delivery.name },
    delivery_address: random.pick(delivery.addresses),
    delivery_provider_data: delivery.provider
      ? {
          provider: delivery.provider,
          type: 'W2W',
          sender_warehouse_id: null,
          recipient_warehouse_id: `${random.hex(8)}-${random.hex(4)}-11e3-8c4a-${random.hex(12)}`,
          declaration_number: null,
        }
      : null,
    delivery_recipient: {
      first_name: buyer.firstName,
      last_name: buyer.lastName,
      second_name: null,
      phone: buyer.phone,
    },
    payment_option: { id: payment.id, name: payment.name },
    payment_data: payment.evopay
      ? { type: 'evopay', status: 'paid', status_modified: formatResponseDate(now, 'offset') }
      : null,
    status,
    status_name: STATUS_NAMES[status] ?? status,
    source: random.pick(SOURCES),
    price_with_special_offer: null,
    special_offer_discount: null,
    special_offer_promocode: null,
    has_order_promo_free_delivery: random.chance(0.2),
    dont_call_customer_back: random.chance(0.1),
    cpa_commission: { amount: formatDecimal(Math.round(totalKop * 0.05)), is_refunded: false },
    utm: { source: null, medium: null, campaign: null },
    ps_promotion: null,
    cancellation: null,
  };
}

export const generateChatText = (random: Random) => random.pick(CHAT_TEXTS);

export function generateLegacyMessage(random: Random) {
  const buyer = generateBuyer(random);
  const item = random.pick(CATALOG);
  return {
    client_full_name: `${buyer.firstName} ${buyer.lastName}`,
    phone: buyer.phone,
    subject: random.pick(LEGACY_SUBJECTS),
    message: `Добрий день! ${random.pick(CHAT_TEXTS)} (${item.uk})`,
    product_id: catalogProductId(item),
  };
}

export function generateProduct(random: Random, id: number): FakeProductJson {
  const item = random.pick(CATALOG);
  const quantity = random.chance(0.8) ? random.int(0, 50) : null;
  const variant = id % 1000;
  return {
    id,
    external_id: random.chance(0.9) ? `${item.sku}-${variant}` : null,
    sku: `${item.sku}-${variant}`,
    name: `${item.ru} #${variant}`,
    name_multilang: { uk: `${item.uk} #${variant}`, ru: `${item.ru} #${variant}` },
    keywords: item.slug.replace(/-/g, ', '),
    description: `<p>${item.uk}</p>`,
    selling_type: 'retail',
    presence: quantity === 0 ? 'not_available' : 'available',
    in_stock: quantity !== 0,
    quantity_in_stock: quantity,
    price: (item.priceKop + random.int(0, 20) * 100) / 100,
    currency: 'UAH',
    discount: null,
    minimum_order_quantity: null,
    group: { id: 5000 + CATALOG.indexOf(item), name: item.group },
    category: { id: 70100, caption: 'Туристическое снаряжение' },
    main_image: `https://images.prom.ua/${id}_w640_h640_${item.slug}.jpg`,
    images: [
      {
        id,
        url: `https://images.prom.ua/${id}_${item.slug}.jpg`,
        thumbnail_url: `https://images.prom.ua/${id}_w100_h100.jpg`,
      },
    ],
    status: 'on_display',
    measure_unit: 'шт.',
    is_variation: false,
    variation_base_id: null,
    variation_group_id: null,
  };
}
