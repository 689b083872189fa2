import type { InlineKeyboardButton } from 'grammy/types';
import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';
import type { Models } from '#src/db/models/index.js';
import type { OrderDoc } from '#src/db/models/order.js';
import type { RenderedOrderCard } from '#src/notify/cards/order-card.js';
import { showOrderCardCallback, versionSchema } from '#src/notify/cards/order-callbacks.js';
import { reachableStages, readStoreStages, type StoreStages } from '#src/services/mappings.js';

/**
 * S4 on the order card: "Stage ▸" opens the stages the order can move to; a stage sets the
 * marketplace status mapped to it. Budget: "sgs:" + 24-char id + ":" + 9-digit version + ":" +
 * 8-char stage = 47 bytes.
 */
const orderIdSchema = z.string().regex(/^[a-f0-9]{24}$/);
export const stageIdSchema = z.string().regex(/^[a-z0-9]{1,8}$/);

export const openStageMenuCallback = defineCallback('sgm', z.object({ orderId: orderIdSchema }));
export const setOrderStageCallback = defineCallback(
  'sgs',
  z.object({ orderId: orderIdSchema, version: versionSchema, stage: stageIdSchema }),
);

interface StageCardContext {
  models: Models;
  translate: (locale: string, key: string, vars?: Record<string, string | number>) => string;
}

const isClosed = (order: OrderDoc) => order.statusGroup === 'done' || order.statusGroup === 'cancelled';

/** The card gets a stage row above its info row when some mapped stage is reachable. */
export function withStageButton(
  context: StageCardContext,
  order: OrderDoc,
  locale: string,
  card: RenderedOrderCard,
  stages: StoreStages,
): RenderedOrderCard {
  if (isClosed(order) || reachableStages(stages, order).length === 0) return card;
  const rows = [...card.replyMarkup.inline_keyboard];
  const button: InlineKeyboardButton = {
    text: context.translate(locale, 'stage-button'),
    callback_data: openStageMenuCallback.pack({ orderId: String(order._id) }),
  };
  rows.splice(Math.max(rows.length - 1, 0), 0, [button]);
  return { ...card, replyMarkup: { inline_keyboard: rows } };
}

/** The stage menu that replaces the card's buttons until a stage or Back is tapped. */
export async function stageMenuKeyboard(
  context: StageCardContext,
  order: OrderDoc,
  locale: string,
): Promise<InlineKeyboardButton[][]> {
  const stages = reachableStages(await readStoreStages(context.models, order.storeId), order);
  const orderId = String(order._id);
  return [
    ...stages.map(({ stage }) => [
      {
        text: `🏷 ${stage.name}`,
        callback_data: setOrderStageCallback.pack({ orderId, version: order.version, stage: stage.id }),
      },
    ]),
    [
      {
        text: context.translate(locale, 'order-card-button-back'),
        callback_data: showOrderCardCallback.pack({ orderId }),
      },
    ],
  ];
}
