import { formatKyiv } from '#src/marketplaces/rozetka/kyiv-time.js';
import { statusGroupOf } from '#src/marketplaces/rozetka/statuses.js';
import { BUYER_QUESTIONS, FIRST_NAMES, LAST_NAMES } from '#src/sandbox/fake-rozetka/fixtures.js';
import { buildGoodsItem, buildOrder, orderTotals } from '#src/sandbox/fake-rozetka/generators.js';
import { createRandom, type Random } from '#src/sandbox/random.js';
import { ALL_PERMISSIONS } from '#src/sandbox/fake-rozetka/types.js';
import type {
  FakeChat,
  FakeChatMessage,
  FakeGoodsItem,
  FakeOrder,
  FakePermission,
  FakeSeller,
  FakeSender,
} from '#src/sandbox/fake-rozetka/types.js';

/** Switches for the facts the spec marks UNCONFIRMED, so both readings can be exercised. */
export interface FakeRozetkaSettings {
  /** how a bad or expired token is answered: HTTP 200 + 1020 / 6001 / 1018, or HTTP 401 */
  tokenErrorMode: 'code1020' | 'code6001' | 'code1018' | 'http401';
  /** a bad login: apidoc 1004, or the misspelled code string a third-party mock uses */
  loginErrorStyle: 'code1004' | 'misspelled';
  /** `errors` as one object (third-party clients) or an array (apidoc) */
  errorsShape: 'object' | 'array';
  /** rows per page of orders and chats (20 on the live API) */
  perPage: number;
  /** false leaves `_meta` out of every list page (seen live, spec §0.8) */
  pageMeta: boolean;
}

export interface FakeToken {
  seller: FakeSeller;
  expired: boolean;
  /** what the token's role may do; a `/sites` login of the owner may do everything */
  permissions: readonly FakePermission[];
}

export interface StoredOrder {
  order: FakeOrder;
  deliveryType: 0 | 1;
  history: { status_id: number; created: string }[];
}

export interface AddChatMessageInput {
  /** the order the chat belongs to; else an item question about `itemId` */
  orderId?: number;
  itemId?: number;
  /** an existing chat, instead of orderId/itemId */
  chatId?: number;
  body?: string;
  sender?: 'buyer' | 'seller' | 'system';
  created?: string;
}

const SENDER_CODES: Record<NonNullable<AddChatMessageInput['sender']>, FakeSender> = {
  system: 0,
  seller: 2,
  buyer: 3,
};

export class FakeRozetkaState {
  readonly random: Random;
  readonly sellers = new Map<string, FakeSeller>();
  readonly tokens = new Map<string, FakeToken>();
  readonly orders = new Map<number, StoredOrder>();
  readonly chats = new Map<number, FakeChat>();
  readonly messages: FakeChatMessage[] = [];
  readonly goods: FakeGoodsItem[] = [];
  readonly marketTitle: string;
  logins = 0;
  failedLogins = 0;
  private nextOrderId = 812_000_001;
  private nextUserId = 55_500_001;
  private nextPurchaseId = 901_000_001;
  private nextChatId = 205_001;
  private nextMessageId = 7_000_001;
  private nextManagerId = 3_001;
  private nextTokenNo = 1;

  constructor(
    seed: number,
    readonly settings: FakeRozetkaSettings,
    readonly now: () => Date,
    marketTitle: string,
  ) {
    this.random = createRandom(seed);
    this.marketTitle = marketTitle;
  }

  nowText(): string {
    return formatKyiv(this.now());
  }

  /** a cabinet user; `permissions` are those of their role */
  addSeller(
    username: string,
    password: string,
    fio = 'Менеджер магазину',
    permissions: readonly FakePermission[] = ALL_PERMISSIONS,
  ): FakeSeller {
    const seller = { username, password, managerId: this.nextManagerId++, fio, permissions };
    this.sellers.set(username, seller);
    return seller;
  }

  issueToken(seller: FakeSeller): string {
    const token = `rz-${this.nextTokenNo++}-${Math.floor(this.random.next() * 1e12).toString(36)}`;
    this.tokens.set(token, { seller, expired: false, permissions: seller.permissions });
    return token;
  }

  /**
   * A token generated in the cabinet (Settings → "Безпека API"), bound to a role: it goes straight
   * into `Authorization: Bearer`, with no `/sites` (spec §0.3).
   */
  addApiToken(
    permissions: readonly FakePermission[] = ALL_PERMISSIONS,
    seller: FakeSeller | undefined = [...this.sellers.values()][0],
  ): string {
    const owner = seller ?? this.addSeller(`api-${this.nextManagerId}`, '');
    const token = `gapi_${this.nextTokenNo++}${Math.floor(this.random.next() * 1e12).toString(36)}`;
    this.tokens.set(token, { seller: owner, expired: false, permissions });
    return token;
  }

  expireTokens(): void {
    for (const record of this.tokens.values()) record.expired = true;
  }

  addItems(count: number): FakeGoodsItem[] {
    return Array.from({ length: count }, () => this.addItem());
  }

  addItem(partial: Partial<FakeGoodsItem> = {}): FakeGoodsItem {
    const item = { ...buildGoodsItem(this.random, this.goods.length, this.now()), ...partial };
    this.goods.push(item);
    return item;
  }

  addOrder(partial: Partial<FakeOrder> & { deliveryType?: 0 | 1 } = {}): FakeOrder {
    if (this.goods.length === 0) this.addItems(16);
    const { deliveryType, ...fields } = partial;
    const built = buildOrder(
      this.random,
      { orderId: this.nextOrderId++, userId: this.nextUserId++, firstPurchaseId: this.nextPurchaseId },
      this.goods,
      this.now(),
    );
    this.nextPurchaseId += built.order.purchases.length;
    const order: FakeOrder = { ...built.order, ...fields };
    if (fields.purchases && fields.amount === undefined) Object.assign(order, orderTotals(fields.purchases));
    if (fields.created && !fields.changed) order.changed = fields.created;
    order.status_group = statusGroupOf(order.status) ?? order.status_group;
    if (this.orders.has(order.id)) throw new Error(`order ${order.id} already exists`);
    this.nextOrderId = Math.max(this.nextOrderId, order.id + 1);
    this.orders.set(order.id, {
      order,
      deliveryType: deliveryType ?? built.deliveryType,
      history: [{ status_id: order.status, created: order.created }],
    });
    return order;
  }

  /** Changes an order as the marketplace would, bumping `changed` unless the patch sets it. */
  updateOrder(id: number, patch: Partial<FakeOrder>): FakeOrder {
    const stored = this.orders.get(id);
    if (!stored) throw new Error(`no order ${id}`);
    const previousStatus = stored.order.status;
    Object.assign(stored.order, patch);
    if (!patch.changed) stored.order.changed = this.nowText();
    if (stored.order.status !== previousStatus) {
      stored.order.status_group = statusGroupOf(stored.order.status) ?? stored.order.status_group;
      stored.history.push({ status_id: stored.order.status, created: stored.order.changed });
    }
    return stored.order;
  }

  chatForOrder(order: FakeOrder): FakeChat {
    for (const chat of this.chats.values()) if (chat.order_id === order.id) return chat;
    return this.createChat({
      type: 0,
      order_id: order.id,
      item_id: null,
      user: { id: order.user.id, has_email: order.user.has_email, contact_fio: order.user.contact_fio },
      subject: `Замовлення № ${order.id}`,
    });
  }

  private chatForItem(itemId: number): FakeChat {
    const item = this.goods.find((goods) => goods.rz_item_id === itemId);
    const buyerName = `${this.random.pick(LAST_NAMES)} ${this.random.pick(FIRST_NAMES)}`;
    return this.createChat({
      type: 1,
      order_id: null,
      item_id: itemId,
      user: { id: this.nextUserId++, has_email: false, contact_fio: buyerName },
      subject: item ? item.name_ua : `Товар ${itemId}`,
    });
  }

  private createChat(fields: Pick<FakeChat, 'type' | 'order_id' | 'item_id' | 'user' | 'subject'>): FakeChat {
    const created = this.nowText();
    const chat: FakeChat = {
      id: this.nextChatId++,
      created,
      updated: created,
      read_market: created,
      trash_market: 0,
      star_market: 0,
      user_id: fields.user.id,
      ...fields,
    };
    this.chats.set(chat.id, chat);
    return chat;
  }

  private resolveChat(input: AddChatMessageInput): FakeChat {
    if (input.chatId !== undefined) {
      const chat = this.chats.get(input.chatId);
      if (!chat) throw new Error(`no chat ${input.chatId}`);
      return chat;
    }
    if (input.orderId !== undefined) {
      const stored = this.orders.get(input.orderId);
      if (!stored) throw new Error(`no order ${input.orderId}`);
      return this.chatForOrder(stored.order);
    }
    if (this.goods.length === 0) this.addItems(16);
    const itemId = input.itemId ?? this.random.pick(this.goods).rz_item_id;
    for (const chat of this.chats.values()) if (chat.type === 1 && chat.item_id === itemId) return chat;
    return this.chatForItem(itemId);
  }

  addChatMessage(input: AddChatMessageInput = {}): { chat: FakeChat; message: FakeChatMessage } {
    const chat = this.resolveChat(input);
    const sender = SENDER_CODES[input.sender ?? 'buyer'];
    const seller = [...this.sellers.values()][0];
    const created = input.created ?? this.nowText();
    const fromSeller = sender === 2;
    const message: FakeChatMessage = {
      id: this.nextMessageId++,
      chat_id: chat.id,
      body: input.body ?? this.random.pick(BUYER_QUESTIONS),
      created,
      read: null,
      receiver_id: sender === 3 ? (seller?.managerId ?? 0) : chat.user.id,
      sender,
      seller: fromSeller && seller ? { id: seller.managerId, fio: seller.fio } : null,
      seller_id: fromSeller && seller ? seller.managerId : null,
      files: [],
      status: 3,
    };
    this.messages.push(message);
    if (created > chat.updated) chat.updated = created;
    if (sender === 3) chat.read_market = null;
    return { chat, message };
  }

  messagesOf(chatId: number): FakeChatMessage[] {
    return this.messages.filter((message) => message.chat_id === chatId);
  }

  /** Opening a chat in the cabinet (or via `GET /messages/{id}`) reads it and the buyer's messages. */
  markChatRead(chat: FakeChat, at: string): void {
    chat.read_market = at;
    for (const message of this.messagesOf(chat.id)) {
      if (message.sender === 3 && message.read === null) message.read = at;
    }
  }
}
