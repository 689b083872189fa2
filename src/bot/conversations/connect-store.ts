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
import { marketplaceKindSchema, type MarketplaceKind } from '#src/marketplaces/port.js';
import type { Services } from '#src/services/index.js';
import { STORE_NAME_MAX, type ConnectResult, type CredentialsInput } from '#src/services/store-admin.js';

const chooseMarketplace = defineCallback('cnm', z.object({ m: marketplaceKindSchema }));

const SECRET_TRIES = 3;

/**
 * S1: marketplace → name → credentials → live check → saved and polled; with `replaceStoreId`,
 * the same credential steps for an existing store ("Replace credentials"), which keeps its id,
 * mappings and watermark. The token or password is caught by `captureSecretInput` before this
 * conversation records the update, so what is replayed and stored here is only a placeholder.
 * Survives a restart.
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

    /**
     * The credential steps of both dialogues: for Rozetka which kind the admin has (and the login
     * for a password), then the secret, checked.
     */
    async function credentialSteps(
      marketplace: MarketplaceKind,
      save: (input: CredentialsInput) => Promise<ConnectResult>,
    ): Promise<ConnectResult | null> {
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
        await conversation.external(() =>
          deps.services.storeAdmin.expectSecret(chatId as number, args.userId),
        );
        await ctx.reply(t(askSecret));
        if ((await nextText()) !== SECRET_PLACEHOLDER) {
          // never expected: the capture runs before every text of this dialogue
          await ctx.reply(t('connect-secret-missed'));
          return null;
        }
        await ctx.reply(t('connect-checking'));
        const result = await conversation.external(async () => {
          const outcome = await save({ chatId: chatId as number, marketplace, username });
          if (outcome.ok) deps.polling.storesChanged();
          return outcome;
        });
        if (result.ok || result.reason === 'not_found') return result;
        if (result.reason === 'missing_permission') {
          await ctx.reply(t('connect-missing-permission', { permission: result.permission }));
          if (attempt === SECRET_TRIES) await ctx.reply(t('connect-gave-up'));
          continue;
        }
        const problem = result.reason === 'unavailable' ? 'connect-unavailable' : 'connect-wrong-credentials';
        await ctx.reply(t(attempt < SECRET_TRIES ? problem : 'connect-gave-up'));
      }
      return null;
    }

    const openButton = (storeId: string) => ({
      reply_markup: new InlineKeyboard().text(t('connect-button-open'), storeData('op', storeId)),
    });

    if (args.replaceStoreId) {
      const storeId = args.replaceStoreId;
      const store = await conversation.external(() => deps.services.storeAdmin.find(storeId));
      if (!store) {
        await ctx.reply(t('stores-not-found'));
        return;
      }
      await ctx.reply(t('replace-credentials-start', { name: store.name }));
      const result = await credentialSteps(store.marketplace, (input) =>
        deps.services.storeAdmin.replaceCredentials({ ...input, storeId }),
      );
      if (result?.ok)
        await ctx.reply(t('replace-credentials-done', { name: result.name }), openButton(storeId));
      else if (result) await ctx.reply(t('stores-not-found'));
      return;
    }

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

    const result = await credentialSteps(marketplace, (input) =>
      deps.services.storeAdmin.connect({ ...input, name }),
    );
    if (result?.ok) {
      await ctx.reply(
        t('connect-done', { name: result.name, hint: result.hint }),
        openButton(result.storeId),
      );
    }
  };
}
