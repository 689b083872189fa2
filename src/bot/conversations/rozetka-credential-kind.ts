import type { Conversation } from '@grammyjs/conversations';
import { InlineKeyboard, type Context } from 'grammy';
import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { rozetkaCredentialKindSchema, type RozetkaCredentialKind } from '#src/marketplaces/port.js';

const chooseKind = defineCallback('crk', z.object({ k: rozetkaCredentialKindSchema }));

/**
 * S1: Rozetka takes a token generated in the cabinet (what current integrations use) or a seller's
 * login and password (spec §0.3); the admin says which one they have. Any dialogue that asks for
 * Rozetka credentials uses this step.
 */
export async function askRozetkaCredentialKind(
  conversation: Conversation<BotContext, Context>,
  ctx: Context,
  t: (key: string) => string,
  fromAdmin: (c: Context) => boolean,
): Promise<RozetkaCredentialKind> {
  await ctx.reply(t('connect-rozetka-ask-kind'), {
    reply_markup: new InlineKeyboard()
      .text(t('connect-rozetka-kind-api-token'), chooseKind.pack({ k: 'api_token' }))
      .row()
      .text(t('connect-rozetka-kind-password'), chooseKind.pack({ k: 'password' })),
  });
  const choice = await conversation.waitUntil(
    (c) => fromAdmin(c) && chooseKind.unpack(c.callbackQuery?.data ?? '') !== null,
    { next: true },
  );
  const kind = chooseKind.unpack(choice.callbackQuery?.data ?? '')?.k ?? 'api_token';
  await choice.answerCallbackQuery();
  await choice.editMessageText(
    t(kind === 'api_token' ? 'connect-rozetka-kind-api-token' : 'connect-rozetka-kind-password'),
  );
  return kind;
}
