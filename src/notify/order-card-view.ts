import type { Types } from 'mongoose';
import type { Locale } from '#src/config/locales.js';
import { findEach } from '#src/db/find-each.js';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { StoreRecord } from '#src/services/stores.js';
import {
  renderOrderCard,
  renderRetiredCardCopy,
  type OrderCardView,
  type RenderedOrderCard,
} from '#src/notify/cards/order-card.js';
import type { CancelReason } from '#src/marketplaces/port.js';
import { renderOrderDigest } from '#src/notify/cards/order-digest.js';
import type { RenderedMessage } from '#src/notify/delivery.js';
import { readStoreStages, stageOf, type StoreStages } from '#src/services/mappings.js';
import { withStageButton } from '#src/notify/cards/stage-menu.js';
import type { Remember } from '#src/notify/render-memo.js';

/** i18n's `t` for a given locale, outside any update */
export type Translator = (locale: string, key: string, vars?: Record<string, string | number>) => string;

export interface CardRenderContext {
  models: Models;
  translate: Translator;
  timeZone: string;
  defaultLocale: Locale;
  /** the sender's: keeps repeated reads for a moment; elsewhere every read is fresh */
  remember?: Remember;
}

const fresh: Remember = (_key, load) => Promise.resolve(load());

/** A private chat shows the card in its owner's language; groups get the default one. */
export async function localeForChat(context: CardRenderContext, chatId: number): Promise<Locale> {
  if (chatId < 0) return context.defaultLocale;
  const user = await (context.remember ?? fresh)(`locale:${chatId}`, () =>
    context.models.users.findOne({ telegramId: chatId }).select({ locale: 1 }).lean(),
  );
  return (user?.locale as Locale | null) ?? context.defaultLocale;
}

/** What an order's card shows in a chat, read side by side once the order is in hand. */
async function readOrderCardView(
  context: CardRenderContext,
  order: OrderDoc,
  chatId: number,
  extra: Pick<OrderCardView, 'mode' | 'cancelReasons'>,
): Promise<{ view: OrderCardView; stages: StoreStages }> {
  // read every time: an admin who renames a store, sets its source label or maps a status sees the next card change
  const [locale, stages, store, customer] = await Promise.all([
    localeForChat(context, chatId),
    readStoreStages(context.models, order.storeId),
    context.models.stores.findById(order.storeId).lean<StoreRecord>(),
    order.customerId ? context.models.customers.findById(order.customerId).lean() : null,
  ]);
  const view: OrderCardView = {
    orderId: String(order._id),
    version: order.version,
    order: order.data,
    storeName: store?.name ?? '',
    sourceLabel: store?.sourceLabel || null,
    stageLabel: stageOf(stages, order.status)?.name ?? null,
    customerOrderCount: customer?.orderCount ?? 1,
    assigneeName: order.assigneeName ?? null,
    autoAccept: { state: order.autoAcceptState ?? 'none', at: order.autoAcceptAt ?? null },
    audit: order.audit.map((entry) => ({
      at: entry.at,
      by: entry.by ?? null,
      action: entry.action,
      detail: entry.detail ?? null,
    })),
    now: new Date(),
    timeZone: context.timeZone,
    locale,
    ...extra,
  };
  return { view, stages };
}

export async function renderStoredOrderCard(
  context: CardRenderContext,
  orderId: Types.ObjectId | string,
  chatId: number,
  extra: { mode?: 'card' | 'cancel-reasons'; cancelReasons?: CancelReason[] } = {},
): Promise<RenderedOrderCard | null> {
  const order = await context.models.orders.findById(orderId).lean<OrderDoc>();
  if (!order) return null;
  const { view, stages } = await readOrderCardView(context, order, chatId, extra);
  const card = renderOrderCard(view, (key, vars) => context.translate(view.locale, key, vars));
  return view.mode === 'cancel-reasons' ? card : withStageButton(context, order, view.locale, card, stages);
}

/** The text a replaced copy of the order's card shows instead, in the chat's language. */
export async function renderRetiredOrderCopy(
  context: CardRenderContext,
  orderId: Types.ObjectId | string,
  chatId: number,
): Promise<RenderedOrderCard | null> {
  const order = await context.models.orders.findById(orderId).lean<OrderDoc>();
  if (!order) return null;
  const locale = await localeForChat(context, chatId);
  return renderRetiredCardCopy(order.number, (key, vars) => context.translate(locale, key, vars));
}

/** J5: the digest of new orders for one chat, in that chat's language. */
export async function renderStoredDigest(
  context: CardRenderContext,
  orderIds: Types.ObjectId[],
  chatId: number,
): Promise<RenderedMessage | null> {
  const orders = await findEach<OrderDoc>(context.models.orders, '_id', orderIds);
  if (orders.length === 0) return null;
  const storeIds = [...new Set(orders.map((order) => String(order.storeId)))];
  const stores = await context.models.stores.find({ _id: { $in: storeIds } }).lean();
  const storeNames = new Map(stores.map((store) => [String(store._id), store.name]));
  const locale = await localeForChat(context, chatId);
  const digestOrders = orders.map((order) => ({
    orderId: String(order._id),
    number: order.number,
    storeName: storeNames.get(String(order.storeId)) ?? '',
    buyerName: order.buyerName ?? '',
    totalKop: order.totalKop,
    currency: order.data.currency,
    placedAt: order.placedAt,
  }));
  return renderOrderDigest(
    digestOrders,
    (key, vars) => context.translate(locale, key, vars),
    locale,
    context.timeZone,
  );
}
