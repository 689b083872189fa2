import type { BuyerMessage, Order, OrderItem, Product } from '#src/marketplaces/port.js';
import { parsePromDate } from '#src/marketplaces/prom/dates.js';
import { currencyOf, parsePromMoney, parseQuantity } from '#src/marketplaces/prom/money.js';
import type {
  PromChatMessage,
  PromLegacyMessage,
  PromOrder,
  PromOrderProduct,
  PromProduct,
} from '#src/marketplaces/prom/schemas.js';
import { PROM_STATUS_LABELS, promStatusGroup, promTransitions } from '#src/marketplaces/prom/statuses.js';

export interface PromMappingContext {
  /** cabinet origin for "Open in marketplace" links, e.g. https://my.prom.ua */
  cabinetUrl: string;
  /** used when an order's money strings carry no currency marker */
  defaultCurrency: string;
  /** stands in for a missing or unreadable date */
  now: Date;
}

const joinName = (...parts: (string | null | undefined)[]) =>
  parts
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');

/** Trimmed text, or null for missing or blank values; numeric codes become their digits. */
export const nonEmpty = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value).trim();
  return text === '' ? null : text;
};

function toItem(product: PromOrderProduct): OrderItem {
  const quantity = parseQuantity(product.quantity);
  const priceKop = parsePromMoney(product.price) ?? 0;
  return {
    productId: nonEmpty(product.id),
    sku: nonEmpty(product.sku) ?? nonEmpty(product.external_id),
    // X-LANGUAGE does not translate order items: `name` may be Russian, `name_multilang.uk` is not.
    name: nonEmpty(product.name_multilang?.uk) ?? nonEmpty(product.name) ?? '',
    quantity,
    priceKop,
    totalKop: parsePromMoney(product.total_price) ?? Math.round(priceKop * quantity),
    imageUrl: nonEmpty(product.image),
  };
}

/** "Київ, Відділення №11 …" → city "Київ", address "Відділення №11 …" when Prom gives no city field. */
function splitAddress(raw: PromOrder): { city: string | null; address: string | null } {
  const line = nonEmpty(raw.delivery_address);
  const city = nonEmpty(raw.delivery_provider_data?.recipient_address?.city_name);
  if (city || !line?.includes(',')) return { city, address: line };
  const [first, ...rest] = line.split(',');
  return { city: nonEmpty(first), address: nonEmpty(rest.join(',')) };
}

export function promOrderToDomain(raw: PromOrder, context: PromMappingContext): Order {
  const status = raw.status ?? 'pending';
  const items = (raw.products ?? []).map(toItem);
  const createdAt = parsePromDate(raw.date_created) ?? parsePromDate(raw.date_modified) ?? context.now;
  const recipient = raw.delivery_recipient;
  const deliveryCost = parsePromMoney(raw.delivery_cost);
  return {
    marketplace: 'prom',
    marketplaceOrderId: String(raw.id),
    number: String(raw.id),
    status,
    statusLabel: nonEmpty(raw.status_name) ?? PROM_STATUS_LABELS[status] ?? status,
    statusGroup: promStatusGroup(status),
    createdAt,
    updatedAt: parsePromDate(raw.date_modified) ?? createdAt,
    totalKop:
      parsePromMoney(raw.full_price) ??
      parsePromMoney(raw.price) ??
      items.reduce((sum, item) => sum + item.totalKop, 0),
    currency: currencyOf(raw.full_price) ?? currencyOf(raw.price) ?? context.defaultCurrency,
    buyer: {
      marketplaceClientId: nonEmpty(raw.client_id),
      fullName: joinName(raw.client_last_name, raw.client_first_name, raw.client_second_name),
      phone: nonEmpty(raw.phone),
      email: nonEmpty(raw.email),
    },
    delivery: {
      methodId: nonEmpty(raw.delivery_option?.id),
      methodName: nonEmpty(raw.delivery_option?.name),
      carrier: nonEmpty(raw.delivery_provider_data?.provider),
      ...splitAddress(raw),
      recipientName: recipient
        ? nonEmpty(joinName(recipient.last_name, recipient.first_name, recipient.second_name))
        : null,
      recipientPhone: nonEmpty(recipient?.phone),
      ttn: nonEmpty(raw.delivery_provider_data?.declaration_number),
      costKop: deliveryCost,
    },
    payment: {
      methodId: nonEmpty(raw.payment_option?.id),
      methodName: nonEmpty(raw.payment_option?.name),
      status: nonEmpty(raw.payment_data?.status),
    },
    items,
    comment: nonEmpty(raw.client_notes),
    source: nonEmpty(raw.source),
    url: `${context.cabinetUrl}/cms/order/edit/${raw.id}`,
    transitions: promTransitions(status),
    rawJson: JSON.stringify(raw),
  };
}

/** Chat and legacy ids live in different sequences, so the stored id names its channel. */
const chatMessageKey = (id: number) => `chat-${id}`;
const legacyMessageKey = (id: number) => `legacy-${id}`;

/** Incoming buyer text: not sent by the shop, and a message or attachment (not a card or notice). */
export const isIncomingChatMessage = (message: PromChatMessage) =>
  message.is_sender !== true && (message.type === 'message' || message.type === 'attachment');

export function promChatMessageToDomain(raw: PromChatMessage, context: PromMappingContext): BuyerMessage {
  const contextId = nonEmpty(raw.context_item_id);
  return {
    marketplaceMessageId: chatMessageKey(raw.id),
    target: {
      channel: 'prom_chat',
      threadId: raw.room_ident ?? '',
      peerId: nonEmpty(raw.room_id),
      messageId: String(raw.id),
    },
    buyerName: nonEmpty(raw.user_name) ?? 'Покупець',
    orderId: raw.context_item_type === 'order' ? contextId : null,
    productId: raw.context_item_type === 'product' ? contextId : null,
    productName: null,
    text: raw.body ?? '',
    attachments: (raw.attachments ?? []).flatMap((attachment) => nonEmpty(attachment.attachment_url) ?? []),
    createdAt: parsePromDate(raw.date_sent) ?? context.now,
  };
}

export function promLegacyMessageToDomain(raw: PromLegacyMessage, context: PromMappingContext): BuyerMessage {
  const subject = nonEmpty(raw.subject);
  const body = raw.message ?? '';
  return {
    marketplaceMessageId: legacyMessageKey(raw.id),
    target: { channel: 'prom_legacy', threadId: String(raw.id), peerId: null, messageId: String(raw.id) },
    buyerName: nonEmpty(raw.client_full_name) ?? nonEmpty(raw.phone) ?? 'Покупець',
    orderId: null,
    productId: nonEmpty(raw.product_id),
    productName: null,
    text: subject && !body.startsWith(subject) ? `${subject}\n${body}` : body,
    attachments: [],
    createdAt: parsePromDate(raw.date_created) ?? context.now,
  };
}

export function promProductToDomain(raw: PromProduct, context: PromMappingContext): Product {
  const quantity = nonEmpty(raw.quantity_in_stock);
  return {
    marketplaceProductId: String(raw.id),
    sku: nonEmpty(raw.sku) ?? nonEmpty(raw.external_id),
    name: nonEmpty(raw.name_multilang?.uk) ?? nonEmpty(raw.name) ?? '',
    priceKop: parsePromMoney(raw.price) ?? 0,
    currency: nonEmpty(raw.currency) ?? context.defaultCurrency,
    quantity: quantity === null ? null : parseQuantity(quantity),
    presence: nonEmpty(raw.presence),
    group: nonEmpty(raw.group?.name),
    imageUrl: nonEmpty(raw.main_image) ?? nonEmpty(raw.images?.[0]?.url),
  };
}
