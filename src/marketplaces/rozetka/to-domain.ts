import { MarketplaceError } from '#src/marketplaces/errors.js';
import type {
  BuyerMessage,
  CancelReason,
  Delivery,
  MessageChannel,
  Order,
  OrderItem,
  Product,
  StatusTransition,
} from '#src/marketplaces/port.js';
import { parseKyiv } from '#src/marketplaces/rozetka/kyiv-time.js';
import {
  rawOrderSchema,
  type RawChat,
  type RawChatMessage,
  type RawGoodsItem,
  type RawOrder,
} from '#src/marketplaces/rozetka/schemas.js';
import {
  ACCEPT_STATUS_ID,
  DUPLICATE_STATUS_ID,
  SELLER_CANCEL_STATUS_IDS,
  TTN_STATUS_IDS,
  domainStatusGroup,
  isCancellationStatus,
  statusLabel,
} from '#src/marketplaces/rozetka/statuses.js';

const CURRENCY = 'UAH';
/** `sender` of a chat message written by the buyer (spec §5, inferred from examples, UNCONFIRMED) */
export const BUYER_SENDER = 3;
const ITEM_CHAT_TYPES = new Set([1, 2]);

function parseRozetkaTime(text: string | null | undefined, what: string): Date {
  const date = text ? parseKyiv(text) : null;
  if (!date)
    throw new MarketplaceError('bad_response', `Rozetka sent an unreadable ${what} time`, text ?? null);
  return date;
}

/** Rozetka phones come as "380671112233"; the card wants a tappable "+380671112233". */
function internationalPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits ? `+${digits}` : null;
}

const CARRIER_BY_LOGO: Record<string, string> = {
  'nova-pochta': 'nova_poshta',
  'nova-poshta': 'nova_poshta',
  novaposhta: 'nova_poshta',
  ukrposhta: 'ukrposhta',
  'ukr-pochta': 'ukrposhta',
  ukrpochta: 'ukrposhta',
  meest: 'meest',
  'meest-express': 'meest',
  rozetka: 'rozetka_delivery',
  'rozetka-delivery': 'rozetka_delivery',
  'rz-delivery': 'rozetka_delivery',
};

function carrierOf(logo: string | null, serviceName: string | null): string | null {
  if (logo) return CARRIER_BY_LOGO[logo.toLowerCase()] ?? logo.toLowerCase().replace(/-/g, '_');
  const name = serviceName?.toLowerCase() ?? '';
  if (name.includes('нова пошта') || name.includes('nova poshta')) return 'nova_poshta';
  if (name.includes('укрпошта')) return 'ukrposhta';
  if (name.includes('meest') || name.includes('міст')) return 'meest';
  if (name.includes('rozetka') || name.includes('розетка')) return 'rozetka_delivery';
  return null;
}

const joinPresent = (parts: (string | null | undefined)[], separator = ', ') =>
  parts.filter((part): part is string => Boolean(part)).join(separator) || null;

const PICKUP_METHOD_ID = 1;

function toDelivery(raw: RawOrder): Delivery {
  const delivery = raw.delivery;
  if (!delivery) {
    return {
      methodId: null,
      methodName: null,
      carrier: null,
      city: null,
      address: null,
      recipientName: null,
      recipientPhone: null,
      ttn: raw.ttn,
      costKop: null,
    };
  }
  const street = joinPresent([delivery.place_street, delivery.place_house], ' ');
  const address =
    delivery.delivery_method_id === PICKUP_METHOD_ID
      ? joinPresent([delivery.place_number && `№${delivery.place_number}`, street])
      : joinPresent([street, delivery.place_flat && `кв. ${delivery.place_flat}`]);
  return {
    methodId: delivery.delivery_service_id,
    methodName: delivery.delivery_service_name,
    carrier: carrierOf(delivery.name_logo, delivery.delivery_service_name),
    city: delivery.city?.title ?? delivery.city?.city_name ?? delivery.city?.name_ua ?? null,
    address,
    recipientName:
      delivery.recipient_title ??
      joinPresent([delivery.recipient_last_name, delivery.recipient_first_name], ' '),
    recipientPhone: internationalPhone(delivery.recipient_phone),
    ttn: raw.ttn,
    costKop: delivery.cost,
  };
}

function toItems(raw: RawOrder): OrderItem[] {
  const photoById = new Map((raw.items_photos ?? []).map((photo) => [photo.id, photo.url]));
  return (raw.purchases ?? []).map((purchase) => {
    const priceKop = purchase.price_with_discount ?? purchase.price ?? 0;
    return {
      productId: purchase.item_id,
      sku: purchase.item?.price_offer_id ?? purchase.item?.article ?? null,
      name: purchase.item_name ?? purchase.item?.name_ua ?? purchase.item?.name ?? '',
      quantity: purchase.quantity,
      priceKop,
      totalKop: purchase.cost_with_discount ?? purchase.cost ?? Math.round(priceKop * purchase.quantity),
      imageUrl: purchase.item?.photo_preview ?? photoById.get(purchase.item_id) ?? null,
    };
  });
}

/** The moves Rozetka offers from the current status, deduplicated, in its order. */
function availableMoves(raw: RawOrder): { id: number; name: string | null }[] {
  const listed = raw.status_available_detailed?.length ? raw.status_available_detailed : raw.status_available;
  const moves = new Map<number, string | null>();
  for (const move of listed ?? []) {
    const fromThisStatus = move.parent_id === null || move.parent_id === raw.status;
    if (fromThisStatus && move.child_id !== raw.status && !moves.has(move.child_id)) {
      moves.set(move.child_id, move.name);
    }
  }
  return [...moves].map(([id, name]) => ({ id, name }));
}

/**
 * Buttons for the card: the first forward move out of a new order is "accept" (1 → 26),
 * cancellation statuses fold into one "cancel" (the reason menu lists them), the rest are
 * plain status moves; 3 and 61 need a TTN.
 */
function toTransitions(raw: RawOrder, isNew: boolean): StatusTransition[] {
  const moves = availableMoves(raw);
  const forward = moves.filter((move) => !isCancellationStatus(move.id));
  const cancellations = moves.filter((move) => isCancellationStatus(move.id));
  const acceptMove = isNew ? (forward.find((move) => move.id === ACCEPT_STATUS_ID) ?? forward[0]) : undefined;
  const transitions: StatusTransition[] = forward.map((move) => ({
    kind: move === acceptMove ? 'accept' : 'status',
    status: String(move.id),
    label: move.name ?? statusLabel(move.id),
    requiresTtn: TTN_STATUS_IDS.has(move.id),
  }));
  const firstCancellation = cancellations[0];
  if (firstCancellation) {
    transitions.push({
      kind: 'cancel',
      status: String(firstCancellation.id),
      label: 'Скасувати',
      requiresTtn: false,
    });
  }
  return transitions;
}

export function toOrder(raw: RawOrder, json: unknown, cabinetUrl: string): Order {
  const statusGroup = domainStatusGroup(raw.status, raw.status_data?.status_group ?? raw.status_group);
  return {
    marketplace: 'rozetka',
    marketplaceOrderId: raw.id,
    number: raw.id,
    status: String(raw.status),
    statusLabel: raw.status_data?.name_uk ?? raw.status_data?.name_ua ?? statusLabel(raw.status),
    statusGroup,
    createdAt: parseRozetkaTime(raw.created, 'order created'),
    updatedAt: parseRozetkaTime(raw.changed, 'order changed'),
    totalKop: raw.cost_with_discount ?? raw.cost ?? raw.amount_with_discount ?? raw.amount ?? 0,
    currency: CURRENCY,
    buyer: {
      marketplaceClientId: raw.user?.id ?? null,
      fullName:
        raw.user_title?.full_name ??
        joinPresent([raw.user_title?.last_name, raw.user_title?.first_name], ' ') ??
        raw.user?.contact_fio ??
        '',
      phone: internationalPhone(raw.user_phone),
      // Rozetka hides buyer e-mails; `user.email` is only the text "true" when one exists
      email: null,
    },
    delivery: toDelivery(raw),
    payment: {
      methodId: raw.payment?.payment_method_id ?? null,
      methodName: raw.payment?.payment_method_name ?? raw.payment?.payment_type_title ?? null,
      status: raw.payment?.payment_status?.name ?? null,
    },
    items: toItems(raw),
    comment: raw.comment,
    source: 'Rozetka',
    url: `${cabinetUrl}/main/orders/edit/${raw.id}`,
    transitions: toTransitions(raw, statusGroup === 'new'),
    rawJson: JSON.stringify(json),
  };
}

/** Cancellation statuses Rozetka allows for this order (static list when the order lacks them). */
export function toCancelReasons(order: Order): CancelReason[] {
  const parsed = rawOrderSchema.safeParse(JSON.parse(order.rawJson));
  const live = parsed.success && parsed.data.status_available ? availableMoves(parsed.data) : null;
  const reasons = live
    ? live.filter((move) => isCancellationStatus(move.id))
    : SELLER_CANCEL_STATUS_IDS.map((id) => ({ id, name: null }));
  return reasons.map((move) => ({
    code: String(move.id),
    label: move.name ?? statusLabel(move.id),
    // for a duplicate the "text" is the id of the order it duplicates
    requiresText: move.id === DUPLICATE_STATUS_ID,
  }));
}

const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

/** Chat bodies may carry `<br>` and entities (spec §5); the bot wants plain text. */
export function plainMessageText(body: string | null): string {
  return (body ?? '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => HTML_ENTITIES[name] ?? '')
    .trim();
}

export function toBuyerMessage(chat: RawChat, message: RawChatMessage): BuyerMessage {
  const channel: MessageChannel = ITEM_CHAT_TYPES.has(chat.type ?? 0) ? 'rozetka_item' : 'rozetka_order';
  const messageId = message.id ?? `${chat.id}:${message.created}`;
  return {
    marketplaceMessageId: messageId,
    target: {
      channel,
      threadId: chat.id,
      peerId: chat.user?.id ?? chat.user_id,
      messageId,
    },
    buyerName: chat.user?.contact_fio ?? chat.user_fio ?? '',
    orderId: chat.order_id,
    productId: chat.item_id,
    productName: chat.item?.name_ua ?? chat.item?.name ?? null,
    text: plainMessageText(message.body),
    attachments: (message.files ?? []).flatMap((file) => (file.name ? [file.name] : [])),
    createdAt: parseRozetkaTime(message.created, 'message'),
  };
}

const PRESENCE_BY_AVAILABLE: Record<number, string> = { 0: 'not_available', 1: 'available', 2: 'removed' };

export function toProduct(raw: RawGoodsItem): Product {
  const id = raw.rz_item_id ?? raw.item_id;
  if (!id) throw new MarketplaceError('bad_response', 'Rozetka sent an item without an id');
  return {
    marketplaceProductId: id,
    sku: raw.price_offer_id ?? raw.article,
    name: raw.name_ua ?? raw.name ?? '',
    priceKop: raw.price ?? 0,
    currency: CURRENCY,
    quantity: raw.stock_quantity,
    presence: raw.available === null ? null : (PRESENCE_BY_AVAILABLE[raw.available] ?? null),
    group: raw.rz_category?.title_ua ?? raw.rz_category?.title ?? null,
    imageUrl: raw.photo_preview ?? raw.photo,
  };
}
