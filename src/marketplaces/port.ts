import { z } from 'zod';

/**
 * The one interface the rest of MarketDesk uses to talk to a marketplace.
 * Domain types are zod schemas so that stored copies can be re-validated and
 * the TypeScript types are never written twice.
 */

export const marketplaceKindSchema = z.enum(['prom', 'rozetka']);
export type MarketplaceKind = z.infer<typeof marketplaceKindSchema>;

/** Money is always integer kopiyky (1 UAH = 100). */
export const kopiykySchema = z.number().int();

export const statusTransitionSchema = z.object({
  /** accept and cancel get their own buttons; `status` is any other allowed move */
  kind: z.enum(['accept', 'cancel', 'status']),
  /** the marketplace's status code to write (Prom: `received`; Rozetka: "26") */
  status: z.string(),
  label: z.string(),
  requiresTtn: z.boolean(),
});
export type StatusTransition = z.infer<typeof statusTransitionSchema>;

export const cancelReasonSchema = z.object({
  /** Prom: `cancellation_reason`; Rozetka: the cancellation status id */
  code: z.string(),
  label: z.string(),
  requiresText: z.boolean(),
});
export type CancelReason = z.infer<typeof cancelReasonSchema>;

export const orderItemSchema = z.object({
  productId: z.string().nullable(),
  sku: z.string().nullable(),
  name: z.string(),
  quantity: z.number(),
  priceKop: kopiykySchema,
  totalKop: kopiykySchema,
  imageUrl: z.string().nullable(),
});
export type OrderItem = z.infer<typeof orderItemSchema>;

export const buyerSchema = z.object({
  marketplaceClientId: z.string().nullable(),
  fullName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type Buyer = z.infer<typeof buyerSchema>;

export const deliverySchema = z.object({
  methodId: z.string().nullable(),
  methodName: z.string().nullable(),
  /** normalised carrier code when known: nova_poshta, ukrposhta, meest, rozetka_delivery ... */
  carrier: z.string().nullable(),
  city: z.string().nullable(),
  /** branch/parcel locker name or the street address */
  address: z.string().nullable(),
  recipientName: z.string().nullable(),
  recipientPhone: z.string().nullable(),
  ttn: z.string().nullable(),
  costKop: kopiykySchema.nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const paymentSchema = z.object({
  methodId: z.string().nullable(),
  methodName: z.string().nullable(),
  /** paid | unpaid | refunded | ... as the marketplace reports it, null when unknown */
  status: z.string().nullable(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const orderStatusGroupSchema = z.enum(['new', 'processing', 'done', 'cancelled']);
export type OrderStatusGroup = z.infer<typeof orderStatusGroupSchema>;

export const orderSchema = z.object({
  marketplace: marketplaceKindSchema,
  marketplaceOrderId: z.string(),
  /** what the shop calls the order number */
  number: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  statusGroup: orderStatusGroupSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
  totalKop: kopiykySchema,
  currency: z.string(),
  buyer: buyerSchema,
  delivery: deliverySchema,
  payment: paymentSchema,
  items: z.array(orderItemSchema),
  comment: z.string().nullable(),
  source: z.string().nullable(),
  /** link for the "Open in marketplace" button */
  url: z.string().nullable(),
  transitions: z.array(statusTransitionSchema),
  /** the marketplace payload as received, as a JSON string (FerretDB: no nested arrays) */
  rawJson: z.string(),
});
export type Order = z.infer<typeof orderSchema>;

export const messageChannelSchema = z.enum(['prom_chat', 'prom_legacy', 'rozetka_order', 'rozetka_item']);
export type MessageChannel = z.infer<typeof messageChannelSchema>;

/** Everything needed to answer a buyer in the right thread. */
export const replyTargetSchema = z.object({
  channel: messageChannelSchema,
  /** Prom chat `room_ident` / legacy message id; Rozetka `chat_id` */
  threadId: z.string(),
  /** Prom chat room id (numeric) used by mark-read; Rozetka `receiver_id` (the buyer) */
  peerId: z.string().nullable(),
  /** the message being answered or marked read */
  messageId: z.string().nullable(),
});
export type ReplyTarget = z.infer<typeof replyTargetSchema>;

export const buyerMessageSchema = z.object({
  marketplaceMessageId: z.string(),
  target: replyTargetSchema,
  buyerName: z.string(),
  orderId: z.string().nullable(),
  productId: z.string().nullable(),
  productName: z.string().nullable(),
  text: z.string(),
  attachments: z.array(z.string()),
  createdAt: z.date(),
});
export type BuyerMessage = z.infer<typeof buyerMessageSchema>;

export const productSchema = z.object({
  marketplaceProductId: z.string(),
  sku: z.string().nullable(),
  name: z.string(),
  priceKop: kopiykySchema,
  currency: z.string(),
  quantity: z.number().nullable(),
  presence: z.string().nullable(),
  group: z.string().nullable(),
  imageUrl: z.string().nullable(),
});
export type Product = z.infer<typeof productSchema>;

export const optionSchema = z.object({ id: z.string(), label: z.string() });
export type MarketplaceOption = z.infer<typeof optionSchema>;

/** Rozetka takes a seller's login and password, or a token generated in the cabinet (spec §0.3). */
export const rozetkaCredentialKindSchema = z.enum(['password', 'api_token']);
export type RozetkaCredentialKind = z.infer<typeof rozetkaCredentialKindSchema>;

export const credentialsSchema = z.union([
  z.object({ marketplace: z.literal('prom'), token: z.string().min(1) }),
  z.object({ marketplace: z.literal('rozetka'), username: z.string().min(1), password: z.string().min(1) }),
  z.object({ marketplace: z.literal('rozetka'), apiToken: z.string().min(1) }),
]);
export type Credentials = z.infer<typeof credentialsSchema>;

/**
 * How far before the watermark an order poll reads again. A change can be committed a while
 * after the time it carries, so the overlap must span that delay; but re-reading minutes of
 * orders on every poll is most of a busy store's polling cost. So a poll reads back only
 * RECENT_OVERLAP_MS (`recent`), and at least every LATE_CHANGES_EVERY_MS one reads back the whole
 * delay (`late`). An adapter whose timestamps do not allow the short reach reads its whole overlap
 * every time.
 */
export type WatermarkReach = 'recent' | 'late';

/** how often a store's order poll reaches back for late-committed changes */
export const LATE_CHANGES_EVERY_MS = 30_000;
/** what every poll re-reads: changes stamped in the watermark's own second, or a moment late */
const RECENT_OVERLAP_MS = 5_000;

/**
 * The overlap of a poll of `reach`, for a marketplace whose changes may be committed up to
 * `lateCommitMs` after their time: a change committed that late is then found by the next `late`
 * poll, at most LATE_CHANGES_EVERY_MS after its commit.
 */
export const watermarkOverlapMs = (reach: WatermarkReach, lateCommitMs: number) =>
  reach === 'recent' ? RECENT_OVERLAP_MS : lateCommitMs + LATE_CHANGES_EVERY_MS;

export interface Marketplace {
  readonly kind: MarketplaceKind;
  /** longest reply text the marketplace accepts in one message */
  readonly replyMaxLength: number;

  /** throws MarketplaceError('auth') when the credentials are wrong */
  checkCredentials(): Promise<{ shopName: string | null }>;

  /**
   * Orders created or changed since the watermark (the adapter applies its own overlap, see
   * `WatermarkReach`), every page, de-duplicated. `null` means "recent ones" for a first run.
   */
  listChangedOrders(since: Date | null, reach?: WatermarkReach): Promise<Order[]>;
  getOrder(orderId: string): Promise<Order>;
  cancelReasons(order: Order): CancelReason[];

  accept(orderId: string): Promise<void>;
  cancel(orderId: string, reason: string, text: string | null): Promise<void>;
  setStatus(orderId: string, status: string, options?: { ttn?: string }): Promise<void>;
  saveTtn(order: Order, ttn: string): Promise<void>;

  /** new buyer messages, without marking anything read on the marketplace */
  listNewMessages(since: Date | null): Promise<BuyerMessage[]>;
  reply(target: ReplyTarget, text: string): Promise<void>;
  markRead(target: ReplyTarget): Promise<void>;

  /** pages of products, so a 10 000-item catalogue is never held whole */
  listProducts(): AsyncIterable<Product[]>;
  listStatusOptions(): Promise<MarketplaceOption[]>;
  listPaymentOptions(): Promise<MarketplaceOption[]>;
  listDeliveryOptions(): Promise<MarketplaceOption[]>;
}
