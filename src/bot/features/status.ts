import { Composer, InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { answerGone, localeOf, onAdminCallback, showMenu } from '#src/bot/admin-callbacks.js';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { adminsInAnyChat } from '#src/bot/middlewares/access.js';
import { escapeHtml, formatDateTime, truncateForTelegram } from '#src/notify/cards/format.js';
import { showStatusCallback } from '#src/notify/notices.js';
import { syncErrorKind } from '#src/services/order-sync.js';
import type { StoreStatus } from '#src/services/operations.js';

const syncNow = defineCallback('sn', z.object({ storeId: z.string().regex(/^[a-f\d]{24}$/) }));

/** J1/J2 `/status`: per store the last good sync, the last error, the next run, and Sync now. */
export const statusFeature = new Composer<BotContext>();

function storeBlock(ctx: BotContext, store: StoreStatus) {
  const when = (date: Date | null) =>
    date ? formatDateTime(new Date(date), ctx.config.timezone, localeOf(ctx)) : ctx.t('status-never');
  const lines = [
    ctx.t('status-store', {
      store: escapeHtml(store.name),
      marketplace: store.marketplace === 'prom' ? 'Prom' : 'Rozetka',
      state: ctx.t(`status-state-${store.status}`),
    }),
    ctx.t('status-last-good', { at: when(store.lastGoodSyncAt) }),
    store.lastError
      ? ctx.t(store.failingNow ? 'status-last-error-now' : 'status-last-error', {
          at: when(store.lastError.at),
          error: escapeHtml(ctx.t('sync-error', { kind: store.lastError.kind ?? 'other' })),
        })
      : ctx.t('status-no-errors'),
    ctx.t('status-next-run', { at: store.nextRunAt ? when(store.nextRunAt) : '—' }),
  ];
  for (const alert of store.openAlerts) lines.push(ctx.t(`status-alert-${alert}`));
  return lines.join('\n');
}

async function statusView(ctx: BotContext) {
  const stores = await ctx.services.operations.overview();
  const keyboard = new InlineKeyboard();
  for (const store of stores)
    keyboard
      .text(ctx.t('status-sync-now', { store: store.name }), syncNow.pack({ storeId: store.storeId }))
      .row();
  const blocked = await ctx.services.blockedChats.count();
  const deadLetters = await ctx.services.deadLetters();
  const text = [
    stores.length > 0
      ? [ctx.t('status-title'), ...stores.map((store) => storeBlock(ctx, store))].join('\n\n')
      : ctx.t('admin-no-stores'),
    ...(blocked > 0 ? [ctx.t('status-blocked-chats', { count: blocked })] : []),
    ...(deadLetters > 0 ? [ctx.t('status-dead-letters', { count: deadLetters })] : []),
  ].join('\n\n');
  return { text: truncateForTelegram(text), keyboard };
}

async function replyWithStatus(ctx: BotContext) {
  const view = await statusView(ctx);
  await ctx.reply(view.text, { parse_mode: 'HTML', reply_markup: view.keyboard });
}

statusFeature.command('status', adminsInAnyChat, replyWithStatus);

onAdminCallback(
  statusFeature,
  showStatusCallback,
  async (ctx) => {
    await ctx.answerCallbackQuery();
    await replyWithStatus(ctx);
  },
  'any chat',
);

onAdminCallback(
  statusFeature,
  syncNow,
  async (ctx, { storeId }) => {
    const store = await ctx.services.operations.storeStatus(storeId);
    if (!store) return answerGone(ctx);
    if (store.status === 'paused') {
      await ctx.answerCallbackQuery({ text: ctx.t('status-sync-paused'), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t('status-syncing') });
    let result: string;
    try {
      const outcome = await ctx.services.orderSync.pollStore(storeId);
      result = ctx.t('status-sync-done', {
        store: escapeHtml(store.name),
        fetched: outcome?.fetched ?? 0,
        created: outcome?.created ?? 0,
        updated: outcome?.updated ?? 0,
      });
    } catch (error) {
      result = ctx.t('status-sync-failed', {
        store: escapeHtml(store.name),
        error: escapeHtml(ctx.t('sync-error', { kind: syncErrorKind(error) })),
      });
    }
    const view = await statusView(ctx);
    await showMenu(ctx, view.text, view.keyboard);
    await ctx.reply(result, { parse_mode: 'HTML' });
  },
  'any chat',
);
