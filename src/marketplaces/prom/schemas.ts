import { z } from 'zod';

/**
 * Raw Prom payloads. The official schemas have no `required` list and real payloads carry
 * undocumented fields, so every object is loose and every field except the id may be missing or null.
 */

export const promId = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const text = z.string().nullish();
/** ids and codes that some payloads send as numbers and others as strings (kept as sent, for rawJson) */
const code = z.union([z.string(), z.number()]).nullish();
const money = z.union([z.string(), z.number()]).nullish();
const looseNumber = z.union([z.number(), z.string()]).nullish();
const namedRef = z.looseObject({ id: code, name: text }).nullish();
const multilang = z.looseObject({ uk: text, ru: text }).nullish();

/** Fields Prom uses to say "no" inside an HTTP 200 answer. */
const refusalFields = {
  error: z.unknown().optional(),
  errors: z.unknown().optional(),
  warning_message: z.unknown().optional(),
};
/** `{"status":"error","message":…}` answers (chat, delivery), plus the fields any answer may refuse with. */
export const statusResponseSchema = z.looseObject({ ...refusalFields, status: text, message: text });
export type PromRefusalFields = z.infer<typeof statusResponseSchema>;

export const promOrderProductSchema = z.looseObject({
  id: promId.nullish(),
  external_id: code,
  sku: code,
  name: text,
  name_multilang: multilang,
  image: text,
  url: text,
  quantity: looseNumber,
  price: money,
  total_price: money,
  measure_unit: text,
});
export type PromOrderProduct = z.infer<typeof promOrderProductSchema>;

export const promOrderSchema = z.looseObject({
  id: promId,
  date_created: text,
  date_modified: text,
  client_first_name: text,
  client_second_name: text,
  client_last_name: text,
  client_id: code,
  client_notes: text,
  phone: text,
  email: text,
  price: money,
  full_price: money,
  delivery_cost: money,
  products: z.array(promOrderProductSchema).nullish(),
  delivery_option: namedRef,
  delivery_address: text,
  delivery_provider_data: z
    .looseObject({
      provider: text,
      type: text,
      recipient_warehouse_id: text,
      declaration_number: code,
      recipient_address: z.looseObject({ city_name: text }).nullish(),
    })
    .nullish(),
  delivery_recipient: z
    .looseObject({ first_name: text, last_name: text, second_name: text, phone: text })
    .nullish(),
  payment_option: namedRef,
  payment_data: z.looseObject({ type: text, status: text }).nullish(),
  status: text,
  status_name: text,
  source: text,
});
export type PromOrder = z.infer<typeof promOrderSchema>;

/** read one by one: one malformed order must not fail its page */
export const orderListResponseSchema = z.looseObject({
  ...refusalFields,
  orders: z.array(z.unknown()).optional(),
});
export const orderResponseSchema = z.looseObject({ ...refusalFields, order: promOrderSchema.optional() });

export const processedResponseSchema = z.looseObject({
  ...refusalFields,
  processed_ids: z.array(promId).nullish(),
  /** /messages/reply: the key name is not confirmed, so both spellings are read */
  processed_id: promId.nullish(),
});
export type PromProcessedResponse = z.infer<typeof processedResponseSchema>;

export const promChatMessageSchema = z.looseObject({
  id: promId,
  room_id: code,
  room_ident: text,
  body: text,
  date_sent: text,
  type: text,
  status: text,
  context_item_id: code,
  context_item_type: text,
  attachments: z.array(z.looseObject({ attachment_url: text, attachment_name: text })).nullish(),
  user_name: text,
  user_ident: code,
  is_sender: z.boolean().nullish(),
});
export type PromChatMessage = z.infer<typeof promChatMessageSchema>;

const chatEnvelope = <Data extends z.ZodType>(data: Data) =>
  z.looseObject({ status: text, message: text, data: data.nullish() });

export const chatHistoryResponseSchema = chatEnvelope(
  /** read one by one: one malformed message must not fail its page */
  z.looseObject({ messages: z.array(z.unknown()).nullish() }),
);
export const chatSendResponseSchema = chatEnvelope(z.looseObject({ message_id: code })).extend({
  /** the official example puts it at the top level, the schema under `data` */
  message_id: code,
});
export const chatStatusResponseSchema = chatEnvelope(z.unknown());

export const promLegacyMessageSchema = z.looseObject({
  id: promId,
  date_created: text,
  client_full_name: text,
  phone: text,
  message: text,
  subject: text,
  status: text,
  product_id: code,
});
export type PromLegacyMessage = z.infer<typeof promLegacyMessageSchema>;

export const legacyMessageListResponseSchema = z.looseObject({
  ...refusalFields,
  /** read one by one: one malformed message must not fail its page */
  messages: z.array(z.unknown()).optional(),
});

export const promProductSchema = z.looseObject({
  id: promId,
  external_id: code,
  sku: code,
  name: text,
  name_multilang: multilang,
  price: money,
  currency: text,
  presence: text,
  quantity_in_stock: looseNumber,
  group: namedRef,
  main_image: text,
  images: z.array(z.looseObject({ url: text })).nullish(),
});
export type PromProduct = z.infer<typeof promProductSchema>;

export const productListResponseSchema = z.looseObject({
  ...refusalFields,
  products: z.array(promProductSchema).optional(),
});

export const groupListResponseSchema = z.looseObject({
  ...refusalFields,
  groups: z.array(z.looseObject({ id: promId, name: text })).optional(),
});

export const statusOptionsResponseSchema = z.looseObject({
  ...refusalFields,
  order_status_options: z.array(z.looseObject({ id: code, name: code, title: text })).optional(),
});
export const paymentOptionsResponseSchema = z.looseObject({
  ...refusalFields,
  payment_options: z.array(z.looseObject({ id: code, name: text })).optional(),
});
export const deliveryOptionsResponseSchema = z.looseObject({
  ...refusalFields,
  delivery_options: z.array(z.looseObject({ id: code, name: text })).optional(),
});
