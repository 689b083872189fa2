import { autoRetry } from '@grammyjs/auto-retry';
import { conversations, createConversation } from '@grammyjs/conversations';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type BotConfig, type Context, type Transformer } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import { keepMemberMenus } from '#src/bot/commands.js';
import { mongoConversationStorage } from '#src/bot/conversations/storage.js';
import { languageFeature } from '#src/bot/features/language.js';
import { startFeature } from '#src/bot/features/start.js';
import { unhandledFeature } from '#src/bot/features/unhandled.js';
import { inviteRedemption, invitesFeature } from '#src/bot/features/invites.js';
import { ownerClaim } from '#src/bot/features/owner.js';
import { routingFeature } from '#src/bot/features/routing.js';
import { statusFeature } from '#src/bot/features/status.js';
import { quietFeature, teamFeature } from '#src/bot/features/team.js';
import type { AppI18n } from '#src/bot/i18n.js';
import type { CardRenderContext } from '#src/notify/order-card-view.js';
import { backfillFeature } from '#src/bot/features/backfill.js';
import { orderLookupFeature } from '#src/bot/features/order-lookup.js';
import { ORDER_TEXT_INPUT, ordersFeature } from '#src/bot/features/orders.js';
import { productsFeature } from '#src/bot/features/products.js';
import { reportsFeature } from '#src/bot/features/reports.js';
import { statsFeature } from '#src/bot/features/stats.js';
import { createOrderTextInput } from '#src/bot/conversations/order-text-input.js';
import { createBuyerReply } from '#src/bot/conversations/buyer-reply.js';
import { BUYER_REPLY, messagesFeature } from '#src/bot/features/messages.js';
import { reachableAgain } from '#src/bot/middlewares/blocked-chat.js';
import { loadTeamMember, refuseStrangers } from '#src/bot/middlewares/access.js';
import { createConnectStore } from '#src/bot/conversations/connect-store.js';
import { createStoreTextInput } from '#src/bot/conversations/store-text-input.js';
import { mappingsFeature } from '#src/bot/features/mappings.js';
import { orderStageFeature } from '#src/bot/features/order-stage.js';
import { CONNECT_STORE, STORE_TEXT_INPUT, createStoresFeature } from '#src/bot/features/stores.js';
import { captureSecretInput } from '#src/bot/middlewares/secret-input.js';
import type { StorePolling } from '#src/jobs/poll-scheduler.js';
import { createErrorReply } from '#src/bot/middlewares/error-boundary.js';
import type { Config } from '#src/config/index.js';
import type { Models } from '#src/db/models/index.js';
import type { RequestBackfill } from '#src/jobs/order-backfill.js';
import type { Logger } from '#src/logger.js';
import type { Services } from '#src/services/index.js';

export interface BotDeps {
  logger: Logger;
  models: Models;
  services: Services;
  i18n: AppI18n;
  cards: CardRenderContext;
  requestBackfill: RequestBackfill;
  /** told when an admin connects, pauses, resumes, retimes or deletes a store */
  polling: StorePolling;
  /** tests pass `botInfo` and `client.apiRoot` */
  botConfig?: BotConfig<BotContext>;
  /** sees every call's outcome before retries (the Telegram error metrics) */
  watchCalls?: Transformer;
}

/**
 * Whose dialogue an update belongs to: the chat's in a private chat, the chat's and the user's in
 * a group, so one manager's /cancel or message never ends or answers another's dialogue there.
 */
export const conversationKey = (ctx: Context): string | undefined => {
  if (ctx.chatId === undefined) return undefined;
  return ctx.chat?.type === 'private' || !ctx.from ? String(ctx.chatId) : `${ctx.chatId}:${ctx.from.id}`;
};

/** Same chat and same user are handled one update at a time (conversations need it). */
export const updateSequenceKey = (ctx: Context): string[] =>
  [ctx.chat?.id, ctx.from?.id].filter((id) => id !== undefined).map(String);

export function createBot(config: Config, deps: BotDeps) {
  const bot = new Bot<BotContext>(config.botToken, {
    ...deps.botConfig,
    client: { apiRoot: config.telegramApiRoot, ...deps.botConfig?.client },
  });
  if (deps.watchCalls) bot.api.config.use(deps.watchCalls);
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
  const { i18n } = deps;

  bot.use(async (ctx, next) => {
    ctx.config = config;
    ctx.services = deps.services;
    ctx.cards = deps.cards;
    ctx.requestBackfill = deps.requestBackfill;
    ctx.logger = deps.logger.child({ update_id: ctx.update.update_id });
    ctx.appUser = null;
    const startedAt = Date.now();
    await next();
    ctx.logger.debug({ ms: Date.now() - startedAt }, 'update handled');
  });

  const protectedBot = bot.errorBoundary(createErrorReply(i18n, config.defaultLocale));
  protectedBot.use(sequentialize(updateSequenceKey));
  protectedBot.use(reachableAgain);
  protectedBot.use(loadTeamMember);
  protectedBot.use(i18n);
  // S5: an owner or invitation code is the one thing a stranger may send
  protectedBot.use(ownerClaim);
  protectedBot.use(inviteRedemption);
  protectedBot.use(refuseStrangers);
  protectedBot.use(keepMemberMenus(i18n));
  protectedBot.use(
    conversations({
      storage: {
        type: 'key',
        version: 1,
        prefix: 'conv:',
        getStorageKey: conversationKey,
        adapter: mongoConversationStorage(deps.models),
      },
    }),
  );
  protectedBot.use(
    createConversation(createOrderTextInput({ services: deps.services, i18n }), {
      id: ORDER_TEXT_INPUT,
      maxMillisecondsToWait: 15 * 60_000,
    }),
  );
  protectedBot.use(captureSecretInput(CONNECT_STORE));
  protectedBot.use(
    createConversation(createConnectStore({ services: deps.services, i18n, polling: deps.polling }), {
      id: CONNECT_STORE,
      maxMillisecondsToWait: 30 * 60_000,
    }),
  );
  protectedBot.use(
    createConversation(createStoreTextInput({ services: deps.services, i18n }), {
      id: STORE_TEXT_INPUT,
      maxMillisecondsToWait: 15 * 60_000,
    }),
  );
  protectedBot.use(
    createConversation(createBuyerReply({ services: deps.services, i18n }), {
      id: BUYER_REPLY,
      maxMillisecondsToWait: 30 * 60_000,
    }),
  );
  protectedBot.command('cancel', async (ctx) => {
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t('cancelled'));
  });
  protectedBot.use(
    startFeature,
    languageFeature,
    ordersFeature,
    orderLookupFeature,
    backfillFeature,
    messagesFeature,
  );
  protectedBot.use(createStoresFeature({ polling: deps.polling }), mappingsFeature, orderStageFeature);
  protectedBot.use(invitesFeature, teamFeature, quietFeature, routingFeature, statusFeature);
  protectedBot.use(productsFeature, reportsFeature, statsFeature);
  protectedBot.use(unhandledFeature);

  return bot;
}
