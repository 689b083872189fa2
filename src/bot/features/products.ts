import { Composer, InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { adminsOnly } from '#src/bot/middlewares/access.js';
import { runInBackground, sendXlsx } from '#src/bot/files.js';
import type { StoreRecord } from '#src/services/stores.js';
import { buildPromPriceList } from '#src/services/xlsx/price-list.js';
import type { ImportProgress } from '#src/services/product-import.js';

const storeIdSchema = z.string().regex(/^[a-f0-9]{24}$/);
const productsMenu = defineCallback('prm', z.object({ action: z.enum(['import', 'price']) }));
const importFromStore = defineCallback('pim', z.object({ storeId: storeIdSchema }));
const priceListOfStore = defineCallback('ppl', z.object({ storeId: storeIdSchema }));

/** at most one progress edit per this many ms: Telegram limits edits per chat */
const PROGRESS_EDIT_MS = 1500;

export const productsFeature = new Composer<BotContext>();

productsFeature.command('products', adminsOnly, async (ctx) => {
  const keyboard = new InlineKeyboard()
    .text(ctx.t('products-import'), productsMenu.pack({ action: 'import' }))
    .row()
    .text(ctx.t('products-price-list'), productsMenu.pack({ action: 'price' }));
  await ctx.reply(ctx.t('products-menu'), { reply_markup: keyboard });
});

/** every store, paused ones too: importing or pricing does not poll anything */
const allStores = (ctx: BotContext) => ctx.cards.models.stores.find().sort({ name: 1 }).lean<StoreRecord[]>();

productsFeature.callbackQuery(productsMenu.filter, adminsOnly, async (ctx) => {
  const data = productsMenu.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (!data) return;
  const stores = await allStores(ctx);
  if (stores.length === 0) {
    await ctx.editMessageText(ctx.t('products-no-stores'));
    return;
  }
  const codec = data.action === 'import' ? importFromStore : priceListOfStore;
  const keyboard = new InlineKeyboard();
  for (const store of stores) keyboard.text(store.name, codec.pack({ storeId: String(store._id) })).row();
  await ctx.editMessageText(
    ctx.t(data.action === 'import' ? 'products-choose-import' : 'products-choose-price'),
    {
      reply_markup: keyboard,
    },
  );
});

productsFeature.callbackQuery(importFromStore.filter, adminsOnly, async (ctx) => {
  const data = importFromStore.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  const store = data ? await ctx.services.stores.get(data.storeId) : null;
  const chatId = ctx.chat?.id;
  const messageId = ctx.callbackQuery.message?.message_id;
  if (!store || chatId === undefined || messageId === undefined) return;
  await ctx.editMessageText(ctx.t('products-import-started', { store: store.name }));

  let lastEdit = Date.now();
  const showProgress = async (progress: ImportProgress) => {
    if (Date.now() - lastEdit < PROGRESS_EDIT_MS) return;
    lastEdit = Date.now();
    await ctx.api
      .editMessageText(
        chatId,
        messageId,
        ctx.t('products-import-progress', { store: store.name, ...progress }),
      )
      .catch((error: unknown) => ctx.logger.warn({ err: error }, 'import progress not shown'));
  };

  runInBackground(ctx, async () => {
    const outcome = await ctx.services.productImport.importStore(store._id, showProgress);
    const text = outcome.ok
      ? ctx.t('products-import-done', { store: store.name, ...outcome.summary })
      : ctx.t(outcome.reason === 'busy' ? 'products-import-busy' : 'products-store-gone');
    await ctx.api.editMessageText(chatId, messageId, text);
  });
});

productsFeature.callbackQuery(priceListOfStore.filter, adminsOnly, async (ctx) => {
  const data = priceListOfStore.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  const store = data ? await ctx.services.stores.get(data.storeId) : null;
  if (!store) return;
  await ctx.editMessageText(ctx.t('products-price-building', { store: store.name }));
  runInBackground(ctx, async () => {
    const { buffer, rows } = await buildPromPriceList(ctx.cards.models, store._id);
    if (rows === 0) {
      await ctx.reply(ctx.t('products-price-empty', { store: store.name }));
      return;
    }
    await sendXlsx(
      ctx,
      { buffer, filename: `prom-price-${String(store._id).slice(-6)}.xlsx` },
      ctx.t('products-price-caption', { store: store.name, rows }),
    );
  });
});
