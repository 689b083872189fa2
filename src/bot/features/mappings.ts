import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import {
  isPackableCode,
  kindByLetter,
  letterOfKind,
  letterOfList,
  mappingListCallback,
  mappingPickCallback,
  mappingSetCallback,
  shopListCallback,
  shopListLetters,
} from '#src/bot/features/store-callbacks.js';
import {
  PAGE_SIZE,
  addPager,
  clip,
  pageOf,
  storeData,
  type Menu,
  type T,
} from '#src/bot/features/store-menus.js';
import { STORE_TEXT_INPUT, enterConversation, loadStore, showMenu } from '#src/bot/features/stores.js';
import { adminsOnly } from '#src/bot/middlewares/access.js';
import type { MappingKind } from '#src/db/models/store-mapping.js';
import type { MarketplaceOption } from '#src/marketplaces/port.js';
import { listOfMapping, shopLists, type ShopList, type ShopListItem } from '#src/services/mappings.js';
import type { StoreRecord } from '#src/services/stores.js';

/** S4: the shop's lists and each store's mappings to them, all on inline keyboards. */
export const mappingsFeature = new Composer<BotContext>();

const LABEL_MAX = 40;

const tOf =
  (ctx: BotContext): T =>
  (key, vars) =>
    ctx.t(key, vars);

async function optionsOf(ctx: BotContext, store: StoreRecord, kind: MappingKind) {
  try {
    const options = await ctx.services.mappings.marketplaceOptions(store, kind);
    return options.filter((option) => isPackableCode(option.id));
  } catch (error) {
    ctx.logger.warn({ err: error, store: String(store._id), kind }, 'could not read the marketplace options');
    await ctx.answerCallbackQuery({ text: ctx.t('stores-marketplace-unavailable'), show_alert: true });
    return null;
  }
}

function mappingListMenu(
  store: StoreRecord,
  kind: MappingKind,
  options: MarketplaceOption[],
  targets: Map<string, string>,
  items: ShopListItem[],
  page: number,
  t: T,
): Menu {
  const id = String(store._id);
  const k = letterOfKind[kind];
  const shown = pageOf(options, page);
  const keyboard = new InlineKeyboard();
  for (const option of shown.items) {
    const target = items.find((item) => item.id === targets.get(option.id));
    keyboard
      .text(
        `${clip(option.label, LABEL_MAX)} → ${target?.name ?? '—'}`,
        mappingPickCallback.pack({ k, id, c: option.id }),
      )
      .row();
  }
  addPager(keyboard, shown.page, shown.pages, (p) => mappingListCallback.pack({ k, id, p }));
  keyboard
    .row()
    .text(
      t('mapping-button-edit-list', { list: listOfMapping[kind] }),
      shopListCallback.pack({ l: letterOfList[listOfMapping[kind]], a: 'v', i: '' }),
    )
    .row()
    .text(t('stores-button-back'), storeData('op', id));
  const text =
    options.length === 0
      ? t('mapping-none-offered', { kind, name: store.name })
      : t('mapping-list-title', { kind, name: store.name });
  return { text, keyboard };
}

function mappingPickMenu(
  store: StoreRecord,
  kind: MappingKind,
  option: MarketplaceOption,
  pageOfOption: number,
  current: string | undefined,
  items: ShopListItem[],
  t: T,
): Menu {
  const id = String(store._id);
  const k = letterOfKind[kind];
  const keyboard = new InlineKeyboard();
  items.forEach((item, index) => {
    keyboard.text(
      `${item.id === current ? '✅ ' : ''}${item.name}`,
      mappingSetCallback.pack({ k, id, c: option.id, t: item.id }),
    );
    if (index % 2 === 1) keyboard.row();
  });
  keyboard
    .row()
    .text(t('mapping-button-unmap'), mappingSetCallback.pack({ k, id, c: option.id, t: '' }))
    .row()
    .text(t('stores-button-back'), mappingListCallback.pack({ k, id, p: pageOfOption }));
  return { text: t('mapping-pick', { kind, label: option.label }), keyboard };
}

function shopListMenu(list: ShopList, items: ShopListItem[], t: T): Menu {
  const l = letterOfList[list];
  const keyboard = new InlineKeyboard();
  for (const name of shopLists) {
    keyboard.text(
      `${name === list ? '• ' : ''}${t('mapping-list-name', { list: name })}`,
      shopListCallback.pack({ l: letterOfList[name], a: 'v', i: '' }),
    );
  }
  keyboard.row();
  items.forEach((item, index) => {
    keyboard
      .text(index === 0 ? item.name : `⬆ ${item.name}`, shopListCallback.pack({ l, a: 'u', i: item.id }))
      .text('🗑', shopListCallback.pack({ l, a: 'd', i: item.id }))
      .row();
  });
  keyboard
    .text(t('mapping-button-add-item'), shopListCallback.pack({ l, a: 'a', i: '' }))
    .row()
    .text(t('stores-button-all'), storeData('ls', '', 0));
  const lines = items.map((item, index) => `${index + 1}. ${item.name}`).join('\n');
  return { text: `${t('mapping-shop-list-title', { list })}\n\n${lines || t('stores-none')}`, keyboard };
}

async function showShopList(ctx: BotContext, list: ShopList) {
  await showMenu(ctx, shopListMenu(list, await ctx.services.mappings.list(list), tOf(ctx)));
}

async function showMappingList(ctx: BotContext, store: StoreRecord, kind: MappingKind, page: number) {
  const options = await optionsOf(ctx, store, kind);
  if (!options) return;
  const targets = await ctx.services.mappings.targetsOf(String(store._id), kind);
  const items = await ctx.services.mappings.list(listOfMapping[kind]);
  await ctx.answerCallbackQuery();
  await showMenu(ctx, mappingListMenu(store, kind, options, targets, items, page, tOf(ctx)));
}

mappingsFeature.callbackQuery(mappingListCallback.filter, adminsOnly, async (ctx, next) => {
  const data = mappingListCallback.unpack(ctx.callbackQuery.data);
  if (!data) return next();
  const store = await loadStore(ctx, data.id);
  if (store) await showMappingList(ctx, store, kindByLetter[data.k], data.p);
});

/** The store, the kind and the marketplace option a mapping button names; null once answered. */
async function loadOption(ctx: BotContext, data: { id: string; k: keyof typeof kindByLetter; c: string }) {
  const store = await loadStore(ctx, data.id);
  if (!store) return null;
  const kind = kindByLetter[data.k];
  const options = await optionsOf(ctx, store, kind);
  if (!options) return null;
  const index = options.findIndex((option) => option.id === data.c);
  const option = options[index];
  if (!option) {
    await ctx.answerCallbackQuery({ text: ctx.t('stores-not-found'), show_alert: true });
    return null;
  }
  return { store, kind, options, index, option };
}

mappingsFeature.callbackQuery(mappingPickCallback.filter, adminsOnly, async (ctx, next) => {
  const data = mappingPickCallback.unpack(ctx.callbackQuery.data);
  if (!data) return next();
  const found = await loadOption(ctx, data);
  if (!found) return;
  const { store, kind, index, option } = found;
  const current = (await ctx.services.mappings.targetsOf(String(store._id), kind)).get(option.id);
  const items = await ctx.services.mappings.list(listOfMapping[kind]);
  await ctx.answerCallbackQuery();
  await showMenu(
    ctx,
    mappingPickMenu(store, kind, option, Math.floor(index / PAGE_SIZE), current, items, tOf(ctx)),
  );
});

mappingsFeature.callbackQuery(mappingSetCallback.filter, adminsOnly, async (ctx, next) => {
  const data = mappingSetCallback.unpack(ctx.callbackQuery.data);
  if (!data) return next();
  const found = await loadOption(ctx, data);
  if (!found) return;
  const { store, kind, options, index, option } = found;
  const saved = await ctx.services.mappings.setMapping(
    String(store._id),
    kind,
    option,
    data.t === '' ? null : data.t,
  );
  if (!saved) return ctx.answerCallbackQuery({ text: ctx.t('stores-not-found'), show_alert: true });
  await ctx.answerCallbackQuery({ text: ctx.t('stores-saved') });
  const targets = await ctx.services.mappings.targetsOf(String(store._id), kind);
  const items = await ctx.services.mappings.list(listOfMapping[kind]);
  await showMenu(
    ctx,
    mappingListMenu(store, kind, options, targets, items, Math.floor(index / PAGE_SIZE), tOf(ctx)),
  );
});

mappingsFeature.callbackQuery(shopListCallback.filter, adminsOnly, async (ctx, next) => {
  const data = shopListCallback.unpack(ctx.callbackQuery.data);
  if (!data) return next();
  const list = shopListLetters[data.l];
  const mappings = ctx.services.mappings;
  switch (data.a) {
    case 'a':
      await ctx.answerCallbackQuery();
      return enterConversation(ctx, STORE_TEXT_INPUT, { purpose: 'list-item', target: data.l });
    case 'u':
      await mappings.moveUp(list, data.i);
      break;
    case 'd':
      await mappings.removeItem(list, data.i);
      break;
    default:
      break;
  }
  await ctx.answerCallbackQuery();
  await showShopList(ctx, list);
});
