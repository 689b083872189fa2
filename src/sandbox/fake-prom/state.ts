import { COMPANY_ID } from '#src/sandbox/fake-prom/catalog.js';
import { formatResponseDate, type ResponseDateStyle } from '#src/sandbox/fake-prom/format.js';
import {
  generateBuyer,
  generateChatText,
  generateLegacyMessage,
  generateOrder,
  generateProduct,
} from '#src/sandbox/fake-prom/generator.js';
import type { Random } from '#src/sandbox/random.js';
import type {
  FakeChatMessage,
  FakeChatRoom,
  FakeLegacyMessage,
  FakeOrder,
  FakeOrderJson,
  FakeProduct,
  FakeProductJson,
} from '#src/sandbox/fake-prom/types.js';

export interface NewChatMessage {
  /** an existing room's ident; a new room (new buyer) is created when omitted or unknown */
  roomIdent?: string;
  body?: string | null;
  type?: FakeChatMessage['type'];
  isSender?: boolean;
  contextOrderId?: number;
  attachmentUrls?: string[];
  sentAt?: Date;
}

/** An order as the API serves it: the stored JSON plus its rendered dates. */
export type RenderedFakeOrder = FakeOrderJson & { date_created: string; date_modified: string };

export type NewLegacyMessage = Partial<Omit<FakeLegacyMessage, 'id' | 'replies'>>;

/** The fake shop: orders, chat, legacy messages and products, all generated from one seed. */
export class FakePromState {
  readonly orders = new Map<number, FakeOrder>();
  readonly rooms = new Map<string, FakeChatRoom>();
  readonly chatMessages = new Map<number, FakeChatMessage>();
  readonly legacyMessages = new Map<number, FakeLegacyMessage>();
  readonly products = new Map<number, FakeProduct>();
  private nextOrderId = 421136171;
  private nextChatMessageId = 123321;
  private nextRoomId = 9001;
  private nextLegacyId = 55001;
  private nextProductId = 1987654321;

  constructor(
    private readonly random: Random,
    readonly now: () => Date,
  ) {}

  addOrder(patch: Partial<FakeOrderJson> = {}, createdAt = this.now()): FakeOrder {
    const id = patch.id ?? this.nextOrderId++;
    this.nextOrderId = Math.max(this.nextOrderId, id + 1);
    const order: FakeOrder = {
      json: { ...generateOrder(this.random, id, createdAt), ...patch, id },
      createdAt,
      modifiedAt: createdAt,
    };
    this.orders.set(id, order);
    return order;
  }

  /** Any change bumps `date_modified`, strictly later than before, as the real cabinet does. */
  updateOrder(id: number, patch: Partial<FakeOrderJson>): FakeOrder {
    const order = this.orders.get(id);
    if (!order) throw new Error(`fake Prom has no order ${id}`);
    order.json = { ...order.json, ...patch, id };
    const now = this.now();
    order.modifiedAt = now > order.modifiedAt ? now : new Date(order.modifiedAt.getTime() + 1);
    return order;
  }

  private createRoom(): FakeChatRoom {
    const buyer = generateBuyer(this.random);
    const userId = String(this.random.int(100_000, 999_999));
    const r = this.random;
    const room: FakeChatRoom = {
      id: this.nextRoomId++,
      uuid: `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`,
      ident: `${userId}_${COMPANY_ID}_buyer`,
      userId,
      userName: `${buyer.firstName} ${buyer.lastName}`,
      userPhone: buyer.phone,
      buyerClientId: 300000 + this.random.int(0, 99_999),
      status: 'active',
    };
    this.rooms.set(room.ident, room);
    return room;
  }

  addChatMessage(input: NewChatMessage = {}): FakeChatMessage {
    const room = (input.roomIdent && this.rooms.get(input.roomIdent)) || this.createRoom();
    const isSender = input.isSender ?? false;
    const attachments = input.attachmentUrls?.map((url, index) => ({
      attachment_uid: `${this.random.hex(8)}-${this.random.hex(4)}-${this.random.hex(4)}-${this.random.hex(4)}-${this.random.hex(12)}`,
      attachment_name: `photo-${index + 1}.jpg`,
      attachment_type: 'IMAGE' as const,
      attachment_mime_type: 'image/jpeg',
      attachment_size: 150_000 + index,
      attachment_url: url,
    }));
    const type = input.type ?? (attachments ? 'attachment' : 'message');
    const message: FakeChatMessage = {
      id: this.nextChatMessageId++,
      roomIdent: room.ident,
      sentAt: input.sentAt ?? this.now(),
      body:
        input.body !== undefined ? input.body : type === 'attachment' ? null : generateChatText(this.random),
      type,
      status: isSender ? 'read' : 'new',
      isSender,
      contextItemId: input.contextOrderId ?? null,
      contextItemType: input.contextOrderId === undefined ? null : 'order',
      attachments: attachments ?? null,
    };
    this.chatMessages.set(message.id, message);
    return message;
  }

  addLegacyMessage(input: NewLegacyMessage = {}): FakeLegacyMessage {
    const message: FakeLegacyMessage = {
      ...generateLegacyMessage(this.random),
      createdAt: this.now(),
      status: 'unread',
      ...input,
      id: this.nextLegacyId++,
      replies: [],
    };
    this.legacyMessages.set(message.id, message);
    return message;
  }

  addProduct(patch: Partial<FakeProductJson> = {}): FakeProduct {
    const id = patch.id ?? this.nextProductId++;
    this.nextProductId = Math.max(this.nextProductId, id + 1);
    const product: FakeProduct = {
      json: { ...generateProduct(this.random, id), ...patch, id },
      modifiedAt: this.now(),
    };
    this.products.set(id, product);
    return product;
  }

  renderOrder(order: FakeOrder, style: ResponseDateStyle): RenderedFakeOrder {
    const { id, ...rest } = order.json;
    return {
      id,
      date_created: formatResponseDate(order.createdAt, style),
      date_modified: formatResponseDate(order.modifiedAt, style),
      ...rest,
    };
  }
}
