import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';

/**
 * Buttons of the order card. Actions carry the card's `version` so a tap on a stale card is
 * caught before anything reaches the marketplace; navigation (details, back) does not need it.
 * Budget of the longest payload: "or:" + 24-char id + ":" + 9-digit version + ":" + 24-char
 * code = 62 bytes.
 */

const orderIdSchema = z.string().regex(/^[a-f0-9]{24}$/);

export const ORDER_VERSION_MAX = 999_999_999;
export const versionSchema = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/** A marketplace status or cancel-reason code: Prom `less_than_minimal_price`, Rozetka "42". */
export const marketplaceCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,24}$/);

const orderAction = { orderId: orderIdSchema, version: versionSchema };

export const acceptOrderCallback = defineCallback('oa', z.object(orderAction));

/** Opens the reason menu; nothing is cancelled until a reason is chosen. */
export const openCancelMenuCallback = defineCallback('oc', z.object(orderAction));

export const cancelOrderCallback = defineCallback(
  'or',
  z.object({ ...orderAction, reason: marketplaceCodeSchema }),
);

export const setOrderStatusCallback = defineCallback(
  'os',
  z.object({ ...orderAction, status: marketplaceCodeSchema }),
);

export const takeOrderCallback = defineCallback('ot', z.object(orderAction));

export const holdAutoAcceptCallback = defineCallback('oh', z.object(orderAction));

/** Asks for a waybill; `status` is the move that needs it (Rozetka "3"), null to only save it (Prom). */
export const orderTtnCallback = defineCallback(
  'on',
  z.object({
    ...orderAction,
    status: z
      .union([z.literal(''), marketplaceCodeSchema])
      .transform((status) => (status === '' ? null : status)),
  }),
);

export const orderDetailsCallback = defineCallback('od', z.object({ orderId: orderIdSchema }));

/** Redraws the plain card, e.g. "Back" from the reason menu or from details. */
export const showOrderCardCallback = defineCallback('ob', z.object({ orderId: orderIdSchema }));

/** Sends the order's card into the chat (from a lookup list or a digest). */
export const openOrderCardCallback = defineCallback('oo', z.object({ orderId: orderIdSchema }));

export const orderCardCallbacks = [
  acceptOrderCallback,
  openCancelMenuCallback,
  cancelOrderCallback,
  setOrderStatusCallback,
  takeOrderCallback,
  holdAutoAcceptCallback,
  orderTtnCallback,
  orderDetailsCallback,
  showOrderCardCallback,
  openOrderCardCallback,
] as const;
