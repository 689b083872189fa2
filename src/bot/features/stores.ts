import { Composer, GrammyError, type InlineKeyboard } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import { isPackableCode, storeMenuCallback } from '#src/bot/features/store-callbacks.js';
import {
  autoAcceptMenu,
  deleteConfirmMenu,
  importedStatusesMenu,
  managerMenu,
  PAGE_SIZE,
  pollIntervalMenu,
  signatureMenu,
  storeListMenu,
  storeView,
  templatesMenu,
  workingHoursMenu,
  type Menu,
} from '#src/bot/features/store-menus.js';
import { adminsOnly } from '#src/bot/middlewares/access.js';
import type { StorePolling } from '#src/jobs/poll-scheduler.js';
import type { MarketplaceOption } from '#src/marketplaces/port.js';
import { AUTO_ACCEPT_CHOICES, POLL_INTERVAL_CHOICES } from '#src/services/store-admin.js';
import { scopeOf, seesStore } from '#src/services/store-scope.js';
import type { StoreRecord } from '#src/services/stores.js';

// conversation ids use underscores so they never read as locale keys
export const CONNECT_STORE = 'connect_store';
export const STORE_TEXT_INPUT = 'store_text_input';

export type StoreTextPurpose = 'rename' | 'source' | 'signature' | 'hours' | 'template' | 'list-item';

export interface StoreTextInputArgs {
  purpose: StoreTextPurpose;
  /** the store, or for 'list-item' the shop list's letter */
  target: string;
  locale: string;
  userId: number;
}

export interface ConnectStoreArgs {
  locale: string;
  userId: number;
  /** S1 "Replace credentials": the store whose credentials the dialogue replaces */
  replaceStoreId?: string;
}

/** Shows a menu in place of the tapped message; an unchanged menu is not an error. */
export async function showMenu(ctx: BotContext, menu: Menu | { text: string; keyboard: InlineKeyboard }) {
  if (!ctx.callbackQuery) {
    await ctx.reply(menu.text, { reply_markup: menu.keyboard });
    return;
  }
  try {
    await ctx.editMessageText(menu.text, { reply_markup: menu.keyboard });
  } catch (error) {
    if (!(error instanceof GrammyError && /not modified/.test(error.description))) throw error;
  }
}

/** The store, when it exists and this admin may manage it; otherwise the tap is refused. */
export async function loadStore(ctx: BotContext, storeId: string): Promise<StoreRecord | null> {
  const store = seesStore(scopeOf(ctx.appUser), storeId) ? await ctx.services.storeAdmin.find(storeId) : null;
  if (!store) {
    ctx.logger.warn({ from: ctx.from?.id, storeId }, 'refused a store button for an unknown store');
    await ctx.answerCallbackQuery({ text: ctx.t('stores-not-found'), show_alert: true });
  }
  return store;
}

export async function enterConversation(
  ctx: BotContext,
  id: typeof CONNECT_STORE | typeof STORE_TEXT_INPUT,
  args:
    | Omit<StoreTextInputArgs, 'locale' | 'userId'>
    | Omit<ConnectStoreArgs, 'locale' | 'userId'>
    | Record<string, never>,
) {
  if (id === CONNECT_STORE && ctx.config.encryptionKeys.length === 0) {
    // without a key nothing could be sealed: refuse before anyone types a secret
    ctx.logger.error('ENCRYPTION_KEYS is not set; a store cannot be connected');
    await ctx.reply(ctx.t('connect-no-key'));
    return;
  }
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(id, {
    ...args,
    locale: ctx.appUser?.locale ?? ctx.config.defaultLocale,
    userId: ctx.from?.id ?? 0,
  });
}

/** Statuses as the marketplace lists them; null (and a note to the admin) when it cannot be read. */
async function statusOptions(ctx: BotContext, store: StoreRecord): Promise<MarketplaceOption[] | null> {
  try {
    return await ctx.services.mappings.marketplaceOptions(store, 'status');
  } catch (error) {
    ctx.logger.warn({ err: error, store: String(store._id) }, 'could not read the marketplace statuses');
    await ctx.answerCallbackQuery({ text: ctx.t('stores-marketplace-unavailable'), show_alert: true });
    return null;
  }
}

export function createStoresFeature(deps: { polling: StorePolling }) {
  const feature = new Composer<BotContext>();
  const t = (ctx: BotContext) => (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);

  async function showList(ctx: BotContext, page: number) {
    const scope = scopeOf(ctx.appUser);
    const stores = (await ctx.services.storeAdmin.list()).filter((store) => seesStore(scope, store._id));
    await showMenu(ctx, storeListMenu(stores, page, t(ctx)));
  }

  async function showStore(ctx: BotContext, store: StoreRecord) {
    const manager = store.responsibleManagerId
      ? (await ctx.services.storeAdmin.teamMembers()).find((u) => u.telegramId === store.responsibleManagerId)
      : null;
    await showMenu(ctx, storeView(store, manager ? manager.name || manager.username || null : null, t(ctx)));
  }

  feature.command('stores', adminsOnly, (ctx) => showList(ctx, 0));
  feature.command('connect', adminsOnly, (ctx) => enterConversation(ctx, CONNECT_STORE, {}));

  feature.callbackQuery(storeMenuCallback.filter, adminsOnly, async (ctx, next) => {
    const data = storeMenuCallback.unpack(ctx.callbackQuery.data);
    if (!data) return next();
    const { a: action, v: value } = data;
    if (action === 'ls') {
      await showList(ctx, Number(value) || 0);
      return ctx.answerCallbackQuery();
    }
    if (action === 'cn') {
      await ctx.answerCallbackQuery();
      return enterConversation(ctx, CONNECT_STORE, {});
    }
    const store = await loadStore(ctx, data.id);
    if (!store) return;
    const id = String(store._id);
    const admin = ctx.services.storeAdmin;
    const reshow = async (updated: StoreRecord | null, note?: string) => {
      await ctx.answerCallbackQuery(note ? { text: ctx.t(note) } : {});
      if (updated) await showStore(ctx, updated);
    };
    const ask = async (purpose: StoreTextPurpose) => {
      await ctx.answerCallbackQuery();
      await enterConversation(ctx, STORE_TEXT_INPUT, { purpose, target: id });
    };

    switch (action) {
      case 'op':
        return reshow(store);
      case 'rn':
        return ask('rename');
      case 'rc':
        await ctx.answerCallbackQuery();
        return enterConversation(ctx, CONNECT_STORE, { replaceStoreId: id });
      case 'pa': {
        const paused = await admin.setPaused(id, true);
        deps.polling.storesChanged();
        return reshow(paused, 'stores-paused');
      }
      case 're': {
        const updated = await admin.setPaused(id, false);
        deps.polling.storesChanged();
        return reshow(updated, 'stores-resumed');
      }
      case 'dl':
        await ctx.answerCallbackQuery();
        return showMenu(ctx, deleteConfirmMenu(store, t(ctx)));
      case 'dy': {
        await admin.remove(id);
        deps.polling.storesChanged();
        ctx.logger.info({ store: id, by: ctx.from?.id }, 'store deleted');
        await ctx.answerCallbackQuery({ text: ctx.t('stores-deleted', { name: store.name }) });
        return showList(ctx, 0);
      }
      case 'sl':
        return ask('source');
      case 'sx':
        return reshow(await admin.update(id, { sourceLabel: '' }), 'stores-saved');
      case 'mg': {
        await ctx.answerCallbackQuery();
        const team = await admin.teamMembers();
        return showMenu(ctx, managerMenu(store, team, Number(value) || 0, t(ctx)));
      }
      case 'ms': {
        const managerId = value === '' ? null : Number(value);
        if (managerId !== null && !(await admin.teamMembers()).some((u) => u.telegramId === managerId)) {
          return ctx.answerCallbackQuery({ text: ctx.t('stores-not-found'), show_alert: true });
        }
        return reshow(await admin.update(id, { responsibleManagerId: managerId }), 'stores-saved');
      }
      case 'aa':
        await ctx.answerCallbackQuery();
        return showMenu(ctx, autoAcceptMenu(store, t(ctx)));
      case 'as': {
        const minutes = Number(value);
        if (!AUTO_ACCEPT_CHOICES.some((choice) => choice === minutes)) return next();
        return reshow(
          await admin.update(id, { autoAcceptDelayMinutes: minutes === 0 ? null : minutes }),
          'stores-saved',
        );
      }
      case 'wh':
        await ctx.answerCallbackQuery();
        return showMenu(ctx, workingHoursMenu(store, t(ctx)));
      case 'wt':
        return ask('hours');
      case 'wc':
        return reshow(
          await admin.update(id, { workingHoursFrom: null, workingHoursTo: null }),
          'stores-saved',
        );
      case 'pi':
        await ctx.answerCallbackQuery();
        return showMenu(ctx, pollIntervalMenu(store, t(ctx)));
      case 'ps': {
        const seconds = Number(value);
        if (!POLL_INTERVAL_CHOICES.some((choice) => choice === seconds)) return next();
        const updated = await admin.update(id, { pollIntervalSeconds: seconds });
        deps.polling.storesChanged();
        return reshow(updated, 'stores-saved');
      }
      case 'is': {
        const options = await statusOptions(ctx, store);
        if (!options) return;
        await ctx.answerCallbackQuery();
        return showMenu(ctx, importedStatusesMenu(store, options, Number(value) || 0, t(ctx)));
      }
      case 'it': {
        const options = await statusOptions(ctx, store);
        if (!options) return;
        const option = options.find((candidate) => candidate.id === value);
        if (!option) return ctx.answerCallbackQuery({ text: ctx.t('stores-not-found'), show_alert: true });
        const updated = await admin.toggleImportedStatus(
          id,
          value,
          options.map((option) => option.id),
        );
        await ctx.answerCallbackQuery();
        const page = Math.floor(options.filter((o) => isPackableCode(o.id)).indexOf(option) / PAGE_SIZE);
        if (updated) await showMenu(ctx, importedStatusesMenu(updated, options, page, t(ctx)));
        return;
      }
      case 'sg':
        await ctx.answerCallbackQuery();
        return showMenu(ctx, signatureMenu(store, t(ctx)));
      case 'st':
        return ask('signature');
      case 'sc': {
        const updated = await admin.update(id, { replySignature: '' });
        await ctx.answerCallbackQuery({ text: ctx.t('stores-saved') });
        return updated ? showMenu(ctx, signatureMenu(updated, t(ctx))) : undefined;
      }
      case 'tp':
        await ctx.answerCallbackQuery();
        return showMenu(ctx, templatesMenu(store, t(ctx)));
      case 'ta':
        return ask('template');
      case 'td': {
        if (!/^\d{1,2}$/.test(value)) return next();
        const updated = await admin.removeTemplate(id, Number(value));
        await ctx.answerCallbackQuery({ text: ctx.t('stores-template-deleted') });
        return updated ? showMenu(ctx, templatesMenu(updated, t(ctx))) : undefined;
      }
      default:
        return next();
    }
  });

  return feature;
}
