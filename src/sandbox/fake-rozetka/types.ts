/** The fake's stored records, in the JSON shapes Rozetka returns (spec §3.4, §5, §6). */
export interface FakePersonName {
  first_name: string;
  last_name: string;
  second_name: string;
  full_name: string;
}

export interface FakePurchase {
  id: number;
  item_id: number;
  item_name: string;
  quantity: number;
  price: string;
  price_with_discount: string;
  cost: string;
  cost_with_discount: string;
  kit_id: number;
  status: number;
  item: {
    id: number;
    name: string;
    name_ua: string;
    article: string;
    price_offer_id: string;
    price: string;
    stock_quantity: number;
    photo_preview: string;
    url: string;
    sold: number;
  };
}

export interface FakeOrder {
  id: number;
  created: string;
  changed: string;
  amount: string;
  amount_with_discount: string;
  cost: string;
  cost_with_discount: string;
  status: number;
  status_group: number;
  items_photos: { id: number; url: string; item_url: string; item_name: string; item_price: string }[];
  seller_comment: { comment: string; created: string }[];
  seller_comment_created: string;
  current_seller_comment: string;
  comment: string;
  user_phone: string;
  user_title: FakePersonName;
  from_warehouse: number;
  ttn: string | null;
  total_quantity: number;
  mk_created: boolean;
  can_copy: boolean;
  created_type: number;
  is_viewed: boolean;
  callback_off: 0 | 1;
  is_fulfillment: boolean;
  duplicate_order_id: number | null;
  is_delivery_edit_available: boolean;
  can_prolong: boolean;
  is_review_request_send: number;
  review_request_status: string;
  user: { id: number; has_email: boolean; contact_fio: string; email: string };
  delivery: {
    delivery_service_id: number;
    delivery_service_name: string;
    delivery_method_id: number;
    recipient_title: string;
    recipient_first_name: string;
    recipient_last_name: string;
    recipient_second_name: string;
    recipient_phone: string;
    another_recipient: boolean;
    place_id: number;
    pickup_rz_id: string;
    pickup_type: number;
    place_street: string;
    place_number: string;
    place_house: string;
    place_flat: string | null;
    cost: string | null;
    reserve_date: string;
    delivery_date: string | null;
    city: {
      id: number;
      uuid: string;
      city_name: string;
      title: string;
      region_title: string;
      status: number;
    };
    ref_id: string;
    name_logo: string | null;
    email: null;
  };
  purchases: FakePurchase[];
  payment: {
    payment_method_id: number;
    payment_method_name: string;
    payment_type: string;
    payment_type_title: string;
    payment_status: { id: number; name: string; title: string } | null;
    credit: null;
  };
}

/** Order fields that only come back when asked for in `expand` (spec §3.3). */
export const STORED_EXPANDS = ['user', 'delivery', 'purchases', 'payment'] as const;

/** 0 system → seller, 1 system → buyer, 2 seller → buyer, 3 buyer → seller (spec §5, UNCONFIRMED) */
export type FakeSender = 0 | 1 | 2 | 3;

export interface FakeChatMessage {
  id: number;
  chat_id: number;
  body: string;
  created: string;
  read: string | null;
  receiver_id: number;
  sender: FakeSender;
  seller: { id: number; fio: string } | null;
  seller_id: number | null;
  files: {
    id: number;
    name: string;
    size: number;
    chat_message_id: number;
    chat_id: number;
    typeName: string;
  }[];
  status: number;
}

export interface FakeChat {
  id: number;
  created: string;
  updated: string;
  subject: string;
  user: { id: number; has_email: boolean; contact_fio: string };
  read_market: string | null;
  trash_market: 0 | 1;
  star_market: 0 | 1;
  order_id: number | null;
  item_id: number | null;
  user_id: number;
  /** 0 order chat, 1 item question, 2 question to the seller */
  type: 0 | 1 | 2;
}

export interface FakeGoodsItem {
  rz_item_id: number;
  item_id: number;
  price_offer_id: string;
  sync_source_id: number;
  name: string;
  name_ua: string;
  name_ru: string;
  article: string;
  url: string;
  price: number;
  price_old: number;
  price_promo: number | null;
  stock_quantity: number;
  sold: number;
  available: 0 | 1 | 2;
  available_title: string;
  item_active: 0 | 1;
  rz_category: { id: number; title: string; title_ua: string };
  photo_preview: string[];
  created_at: string;
}

/** Sections a role may have (spec §2 "ApiPermissionsInfo"). */
export type FakePermission = 'order_edit' | 'correspondence' | 'questions';
export const ALL_PERMISSIONS: readonly FakePermission[] = ['order_edit', 'correspondence', 'questions'];

export interface FakeSeller {
  username: string;
  password: string;
  managerId: number;
  fio: string;
  permissions: readonly FakePermission[];
}
