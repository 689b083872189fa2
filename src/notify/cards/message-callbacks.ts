import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';

/**
 * Buttons of the buyer-message card and of a reply draft. Longest payload:
 * "bmp:" + 24-char id + ":" + 2-digit index = 31 bytes.
 */
const idSchema = z.string().regex(/^[a-f0-9]{24}$/);
const onMessage = z.object({ messageId: idSchema });
const onDraft = z.object({ draftId: idSchema });

export const replyToMessageCallback = defineCallback('bmr', onMessage);
export const messageTemplatesCallback = defineCallback('bmt', onMessage);
export const markMessageReadCallback = defineCallback('bmk', onMessage);
export const pickTemplateCallback = defineCallback(
  'bmp',
  z.object({
    messageId: idSchema,
    index: z
      .string()
      .regex(/^\d{1,2}$/)
      .transform(Number),
  }),
);

export const sendDraftCallback = defineCallback('bds', onDraft);
export const editDraftCallback = defineCallback('bde', onDraft);
export const cancelDraftCallback = defineCallback('bdc', onDraft);
