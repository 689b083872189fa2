import { z } from 'zod';
import { moneyToKopiyky } from '#src/marketplaces/rozetka/money.js';

/**
 * Raw Rozetka shapes, tolerant on purpose (spec §7 "Types are loose"): ids and integers come
 * as numbers or strings, booleans as 0/1, money as "640.00" or 640, empty strings mean "none".
 * Unknown fields pass through untouched.
 */

export const idSchema = z.union([z.number(), z.string().trim().min(1)]).transform(String);

const intSchema = z
  .union([
    z.number().int(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/),
  ])
  .transform(Number);

const nullableInt = z
  .union([intSchema, z.literal(''), z.null()])
  .optional()
  .transform((value) => (typeof value === 'number' ? value : null));

const nullableId = z
  .union([idSchema, z.literal(''), z.null()])
  .optional()
  .transform((value) =>
    value === '' || value === undefined || value === null || value === '0' ? null : value,
  );

export const looseBooleanSchema = z
  .union([z.boolean(), z.number(), z.enum(['0', '1', 'true', 'false', ''])])
  .transform((value) => value === true || value === 1 || value === '1' || value === 'true');

/** Text or nothing: numbers become text, "" and missing become null. */
const nullableText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined || value === '' ? null : String(value)));

export const kopiykySchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const kopiyky = moneyToKopiyky(value);
  if (kopiyky === null) {
    ctx.addIssue({ code: 'custom', message: `not a money amount: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return kopiyky;
});

const nullableKopiyky = z
  .union([z.null(), z.literal(''), kopiykySchema])
  .optional()
  .transform((value) => (typeof value === 'number' ? value : null));

/** A picture given as a URL, a list of URLs or a list of `{url}`; the first one wins. */
const firstImageUrl = z
  .union([
    z.string(),
    z.array(z.union([z.string(), z.looseObject({ url: z.string().optional() })])),
    z.null(),
  ])
  .optional()
  .transform((value) => {
    if (typeof value === 'string') return value || null;
    const first = value?.[0];
    if (first === undefined) return null;
    return (typeof first === 'string' ? first : first.url) || null;
  });

export const pageMetaSchema = z
  .looseObject({
    totalCount: nullableInt,
    pageCount: nullableInt,
    currentPage: nullableInt,
    perPage: nullableInt,
  })
  .nullish();

export const envelopeSchema = z.looseObject({
  success: looseBooleanSchema,
  content: z.unknown().optional(),
  errors: z.unknown().optional(),
});
export type RozetkaEnvelope = z.infer<typeof envelopeSchema>;

export const errorEntrySchema = z.looseObject({
  code: nullableText,
  message: nullableText,
  description: nullableText,
  details: z.unknown().optional(),
});

export const loginContentSchema = z.looseObject({
  access_token: z.string().min(1),
  permissions: z.array(z.string()).nullish(),
  market: z.looseObject({ title: nullableText }).nullish(),
});

const personNameSchema = z.looseObject({
  full_name: nullableText,
  first_name: nullableText,
  last_name: nullableText,
});

/** the buyer as orders and chats name them */
const userSchema = z.looseObject({ id: nullableId, contact_fio: nullableText });

const deliverySchema = z.looseObject({
  delivery_service_id: nullableId,
  delivery_service_name: nullableText,
  delivery_method_id: nullableInt,
  name_logo: nullableText,
  recipient_title: z.union([nullableText, personNameSchema.transform((name) => name.full_name)]),
  recipient_first_name: nullableText,
  recipient_last_name: nullableText,
  recipient_phone: nullableText,
  place_street: nullableText,
  place_number: nullableText,
  place_house: nullableText,
  place_flat: nullableText,
  cost: nullableKopiyky,
  city: z.looseObject({ title: nullableText, city_name: nullableText, name_ua: nullableText }).nullish(),
});

const purchaseSchema = z.looseObject({
  item_id: nullableId,
  item_name: nullableText,
  quantity: z.union([
    z.number(),
    z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number),
  ]),
  price: nullableKopiyky,
  price_with_discount: nullableKopiyky,
  cost: nullableKopiyky,
  cost_with_discount: nullableKopiyky,
  item: z
    .looseObject({
      name_ua: nullableText,
      name: nullableText,
      price_offer_id: nullableText,
      article: nullableText,
      photo_preview: firstImageUrl,
    })
    .nullish(),
});

const statusAvailableSchema = z.looseObject({
  parent_id: nullableInt,
  child_id: intSchema,
  name: nullableText,
});

export const rawOrderSchema = z.looseObject({
  id: idSchema,
  created: z.string(),
  changed: z.string(),
  amount: nullableKopiyky,
  amount_with_discount: nullableKopiyky,
  cost: nullableKopiyky,
  cost_with_discount: nullableKopiyky,
  status: intSchema,
  status_group: nullableInt,
  comment: nullableText,
  user_phone: nullableText,
  user_title: personNameSchema.nullish(),
  ttn: nullableText,
  duplicate_order_id: nullableInt,
  items_photos: z.array(z.looseObject({ id: nullableId, url: nullableText })).nullish(),
  user: userSchema.nullish(),
  delivery: deliverySchema.nullish(),
  purchases: z.array(purchaseSchema).nullish(),
  status_data: z
    .looseObject({
      name_uk: nullableText,
      name_ua: nullableText,
      title: nullableText,
      status_group: nullableInt,
    })
    .nullish(),
  status_available: z.array(statusAvailableSchema).nullish(),
  status_available_detailed: z.array(statusAvailableSchema).nullish(),
  payment: z
    .looseObject({
      payment_method_id: nullableId,
      payment_method_name: nullableText,
      payment_type_title: nullableText,
      payment_status: z.looseObject({ name: nullableText, title: nullableText }).nullish(),
    })
    .nullish(),
});
export type RawOrder = z.infer<typeof rawOrderSchema>;

export const orderListContentSchema = z.looseObject({
  orders: z.array(z.unknown()),
  _meta: pageMetaSchema,
});

const rawChatMessageSchema = z.looseObject({
  id: nullableId,
  chat_id: nullableId,
  body: nullableText,
  created: z.string(),
  read: nullableText,
  receiver_id: nullableId,
  sender: intSchema,
  files: z.array(z.looseObject({ name: nullableText })).nullish(),
});
export type RawChatMessage = z.infer<typeof rawChatMessageSchema>;

export const rawChatSchema = z.looseObject({
  id: idSchema,
  updated: nullableText,
  type: nullableInt,
  user: userSchema.nullish(),
  user_id: nullableId,
  user_fio: nullableText,
  order_id: nullableId,
  item_id: nullableId,
  item: z.looseObject({ name_ua: nullableText, name: nullableText }).nullish(),
  messages: z.array(rawChatMessageSchema).nullish(),
});
export type RawChat = z.infer<typeof rawChatSchema>;

export const chatListContentSchema = z.looseObject({
  /** read one by one (rawChatSchema): one malformed chat must not fail its page */
  chats: z.array(z.unknown()),
  _meta: pageMetaSchema,
});

export const rawGoodsItemSchema = z.looseObject({
  rz_item_id: nullableId,
  item_id: nullableId,
  price_offer_id: nullableText,
  article: nullableText,
  name: nullableText,
  name_ua: nullableText,
  price: nullableKopiyky,
  stock_quantity: nullableInt,
  available: nullableInt,
  rz_category: z.looseObject({ title: nullableText, title_ua: nullableText }).nullish(),
  photo_preview: firstImageUrl,
  photo: firstImageUrl,
});
export type RawGoodsItem = z.infer<typeof rawGoodsItemSchema>;

export const goodsListContentSchema = z.looseObject({
  items: z.array(rawGoodsItemSchema),
  _meta: pageMetaSchema,
});

export const orderStatusListContentSchema = z.looseObject({
  orderStatus: z.array(
    z.looseObject({ id: intSchema, name: nullableText, name_uk: nullableText, title: nullableText }),
  ),
  _meta: pageMetaSchema,
});

const namedOptionSchema = z.looseObject({ id: idSchema, name: nullableText });

export const orderSearchDataContentSchema = z.looseObject({
  search_delivers: z.array(namedOptionSchema).nullish(),
  search_payment_methods: z.array(namedOptionSchema).nullish(),
});
