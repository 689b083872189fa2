import type { Conversation } from '@grammyjs/conversations';
import { InlineKeyboard, type Context } from 'grammy';
import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { askRozetkaCredentialKind } from '#src/bot/conversations/rozetka-credential-kind.js';
import { storeData } from '#src/bot/features/store-menus.js';
import type { ConnectStoreArgs } from '#src/bot/features/stores.js';
import type { AppI18n } from '#src/bot/i18n.js';
import { SECRET_PLACEHOLDER } from '#src/bot/middlewares/secret-input.js';
import type { StorePolling } from '#src/jobs/poll-scheduler.js';
import { marketplaceKindSchema } from '#src/marketplaces/port.js';
import type { Services } from '#src/services/index.js';
import { STORE_NAME_MAX } from '#src/services/store-admin.js';

const chooseMarketplace = defineCallback('cnm', z.object({ m: marketplaceKindSchema }));

const SECRET_TRIES = 3;

/**
 * S1: marketplace → name → credentials → live check → saved and polled. The token or
 * password is caught by `captureSecretInput` before this conversation records the update,
 * so what is replayed and stored here is only a placeholder. Survives a restart.
 */
export function createConnectStore(deps: { services: Services; i18n: AppI18n; polling: StorePolling }) {
  return async function connectStore(
    conversation: Conversation<BotContext, Context>,
    ctx: Context,
    args: ConnectStoreArgs,
  ) {
    const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(args.locale, key, vars);
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const fromAdmin = (c: Context) => c.from?.id === args.userId;
    // commands pass on, so /cancel and /stores keep working during the dialogue
    const typedText = (c: Context) =>
      fromAdmin(c) && c.message?.text !== undefined && !c.message.text.startsWith('/');
    const nextText = async () =>
      (await conversation.waitUntil(typedText, { next: true })).message?.text?.trim() ?? '';

    await ctx.reply(t('connect-choose-marketplace'), {
      reply_markup: new InlineKeyboard()
        .text('Prom.ua', chooseMarketplace.pack({ m: 'prom' }))
        .text('Rozetka', chooseMarketplace.pack({ m: 'rozetka' })),
    });
    const choice = await conversation.waitUntil(
      (c) => fromAdmin(c) && chooseMarketplace.unpack(c.callbackQuery?.data ?? '') !== null,
      { next: true },
    );
    const marketplace = chooseMarketplace.unpack(choice.callbackQuery?.data ?? '')?.m ?? 'prom';
    await choice.answerCallbackQuery();
    await choice.editMessageText(t('connect-marketplace-chosen', { marketplace }));

    await ctx.reply(t('connect-ask-name', { max: STORE_NAME_MAX }));
    let name = await nextText();
    while (name.length === 0 || name.length > STORE_NAME_MAX) {
      await ctx.reply(t('connect-name-invalid', { max: STORE_NAME_MAX }));
      name = await nextText();
    }

    let username: string | null = null;
    const rozetkaKind =
      marketplace === 'rozetka' ? await askRozetkaCredentialKind(conversation, ctx, t, fromAdmin) : null;
    if (rozetkaKind === 'password') {
      await ctx.reply(t('connect-ask-login'));
      username = await nextText();
    }
    const askSecret =
      marketplace === 'prom'
        ? 'connect-ask-token'
        : rozetkaKind === 'api_token'
          ? 'connect-ask-rozetka-token'
          : 'connect-ask-password';

    for (let attempt = 1; attempt <= SECRET_TRIES; attempt++) {
      await conversation.external(() => deps.services.storeAdmin.expectSecret(chatId, args.userId));
      await ctx.reply(t(askSecret));
      if ((await nextText()) !== SECRET_PLACEHOLDER) {
        // never expected: the capture runs before every text of this dialogue
        await ctx.reply(t('connect-secret-missed'));
        return;
      }
      await ctx.reply(t('connect-checking'));
      const result = await conversation.external(async () => {
        const outcome = await deps.services.storeAdmin.connect({ chatId, marketplace, name, username });
        if (outcome.ok) deps.polling.storesChanged();
        return outcome;
      });
      if (result.ok) {
        await ctx.reply(t('connect-done', { name: result.name, hint: result.hint }), {
          reply_markup: new InlineKeyboard().text(t('connect-button-open'), storeData('op', result.storeId)),
        });
        return;
      }
      if (result.reason === 'missing_permission') {
        await ctx.reply(t('connect-missing-permission', { permission: result.permission }));
        if (attempt === SECRET_TRIES) await ctx.reply(t('connect-gave-up'));
        continue;
      }
      const problem = result.reason === 'unavailable' ? 'connect-unavailable' : 'connect-wrong-credentials';
      await ctx.reply(t(attempt < SECRET_TRIES ? problem : 'connect-gave-up'));
    }
  };
}
