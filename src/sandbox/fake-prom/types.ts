/** The JSON the fake serves, shaped like the spec's sample order, chat and legacy messages. */

export interface FakeOrderProductJson {
  id: number | null;
  external_id: string | null;
  sku: string | null;
  name: string;
  name_multilang: { uk: string; ru: string };
  image: string;
  url: string | null;
  quantity: number | string;
  price: string;
  total_price: string;
  measure_unit: string;
  cpa_commission: { amount: string; is_refunded: boolean };
}

export interface FakeDeliveryProviderData {
  provider: string;
  type: string;
  sender_warehouse_id: string | null;
  recipient_warehouse_id: string | null;
  declaration_number: string | null;
}

/** An order without its dates: the server keeps those as Date and renders them per behaviour. */
export interface FakeOrderJson {
  id: number;
  client_first_name: string;
  client_second_name: string | null;
  client_last_name: string;
  client_id: number | null;
  client_notes: string;
  phone: string;
  email: string | null;
  price: string;
  full_price: string;
  delivery_cost: number;
  products: FakeOrderProductJson[];
  delivery_option: { id: number; name: string } | null;
  delivery_address: string;
  delivery_provider_data: FakeDeliveryProviderData | null;
  delivery_recipient: {
    first_name: string;
    last_name: string;
    second_name: string | null;
    phone: string;
  } | null;
  payment_option: { id: number; name: string } | null;
  payment_data: { type: string; status: string; status_modified: string } | null;
  status: string;
  status_name: string;
  source: string;
  price_with_special_offer: string | null;
  special_offer_discount: string | null;
  special_offer_promocode: string | null;
  has_order_promo_free_delivery: boolean;
  dont_call_customer_back: boolean;
  cpa_commission: { amount: string; is_refunded: boolean };
  utm: { source: string | null; medium: string | null; campaign: string | null } | null;
  ps_promotion: { name: string; conditions: string[] } | null;
  cancellation: { title: string; initiator: string } | null;
}

export interface FakeOrder {
  json: FakeOrderJson;
  createdAt: Date;
  modifiedAt: Date;
}

export interface FakeChatRoom {
  id: number;
  /** `room_id` of its messages: a UUID, needed by mark_message_read */
  uuid: string;
  ident: string;
  userId: string;
  userName: string;
  userPhone: string;
  buyerClientId: number | null;
  status: 'active' | 'archived' | 'banned';
}

export interface FakeChatAttachment {
  attachment_uid: string;
  attachment_name: string;
  attachment_type: 'FILE' | 'IMAGE';
  attachment_mime_type: string;
  attachment_size: number;
  attachment_url: string;
}

export interface FakeChatMessage {
  id: number;
  roomIdent: string;
  sentAt: Date;
  body: string | null;
  type: 'message' | 'attachment' | 'context' | 'notification' | 'system';
  status: 'new' | 'read';
  isSender: boolean;
  contextItemId: number | null;
  contextItemType: 'product' | 'order' | 'file' | null;
  attachments: FakeChatAttachment[] | null;
}

export interface FakeLegacyMessage {
  id: number;
  createdAt: Date;
  client_full_name: string;
  phone: string;
  message: string;
  subject: string;
  status: 'unread' | 'read' | 'deleted';
  product_id: number | null;
  replies: string[];
}

export interface FakeProductJson {
  id: number;
  external_id: string | null;
  sku: string;
  name: string;
  name_multilang: { uk: string; ru: string };
  keywords: string;
  description: string;
  selling_type: string;
  presence: string;
  in_stock: boolean;
  quantity_in_stock: number | null;
  price: number;
  currency: string;
  discount: null;
  minimum_order_quantity: number | null;
  group: { id: number; name: string };
  category: { id: number; caption: string };
  main_image: string;
  images: { id: number; url: string; thumbnail_url: string }[];
  status: string;
  measure_unit: string;
  is_variation: boolean;
  variation_base_id: number | null;
  variation_group_id: number | null;
}

export interface FakeProduct {
  json: FakeProductJson;
  modifiedAt: Date;
}
