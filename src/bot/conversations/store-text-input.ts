import type { Conversation } from '@grammyjs/conversations';
import { InlineKeyboard, type Context } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import { shopListCallback, shopListLetters } from '#src/bot/features/store-callbacks.js';
import { storeData } from '#src/bot/features/store-menus.js';
import type { StoreTextInputArgs } from '#src/bot/features/stores.js';
import type { AppI18n } from '#src/bot/i18n.js';
import type { Services } from '#src/services/index.js';
import { SHOP_ITEM_NAME_MAX } from '#src/services/mappings.js';
import {
  SIGNATURE_MAX,
  SOURCE_LABEL_MAX,
  STORE_NAME_MAX,
  TEMPLATE_TEXT_MAX,
  TEMPLATE_TITLE_MAX,
  parseWorkingHours,
} from '#src/services/store-admin.js';

const MAX_TRIES = 3;

type Saved = 'saved' | 'not-found' | 'rejected';

/**
 * S3/S4 text settings: asks for one line (a template asks for two), checks it, saves it.
 * Survives a restart; /cancel leaves it.
 */
export function createStoreTextInput(deps: { services: Services; i18n: AppI18n }) {
  return async function storeTextInput(
    conversation: Conversation<BotContext, Context>,
    ctx: Context,
    args: StoreTextInputArgs,
  ) {
    const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(args.locale, key, vars);
    const typedText = (c: Context) =>
      c.from?.id === args.userId && c.message?.text !== undefined && !c.message.text.startsWith('/');

    /** a line of 1..max characters, asked up to MAX_TRIES times; null when none came */
    async function askLine(prompt: string, max: number, check: (text: string) => boolean = () => true) {
      await ctx.reply(prompt);
      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        const answer = await conversation.waitUntil(typedText, { next: true });
        const text = answer.message?.text?.trim() ?? '';
        if (text.length > 0 && text.length <= max && check(text)) return text;
        await ctx.reply(t('stores-input-invalid', { max }));
      }
      return null;
    }

    const admin = deps.services.storeAdmin;
    const storeId = args.target;
    const found = (store: unknown): Saved => (store ? 'saved' : 'not-found');
    let saved: Saved | null = null;
    switch (args.purpose) {
      case 'rename': {
        const name = await askLine(t('stores-ask-name', { max: STORE_NAME_MAX }), STORE_NAME_MAX);
        if (name)
          saved = await conversation.external(async () => found(await admin.update(storeId, { name })));
        break;
      }
      case 'source': {
        const label = await askLine(t('stores-ask-source', { max: SOURCE_LABEL_MAX }), SOURCE_LABEL_MAX);
        if (label)
          saved = await conversation.external(async () =>
            found(await admin.update(storeId, { sourceLabel: label })),
          );
        break;
      }
      case 'signature': {
        const signature = await askLine(t('stores-ask-signature', { max: SIGNATURE_MAX }), SIGNATURE_MAX);
        if (signature)
          saved = await conversation.external(async () =>
            found(await admin.update(storeId, { replySignature: signature })),
          );
        break;
      }
      case 'hours': {
        const hours = await askLine(t('stores-ask-hours'), 20, (text) => parseWorkingHours(text) !== null);
        const range = hours ? parseWorkingHours(hours) : null;
        if (range)
          saved = await conversation.external(async () =>
            found(await admin.update(storeId, { workingHoursFrom: range.from, workingHoursTo: range.to })),
          );
        break;
      }
      case 'template': {
        const title = await askLine(
          t('stores-ask-template-title', { max: TEMPLATE_TITLE_MAX }),
          TEMPLATE_TITLE_MAX,
        );
        const text = title
          ? await askLine(t('stores-ask-template-text', { max: TEMPLATE_TEXT_MAX }), TEMPLATE_TEXT_MAX)
          : null;
        if (title && text)
          saved = await conversation.external(async () => {
            const before = await admin.find(storeId);
            const after = await admin.addTemplate(storeId, { title, text });
            if (!after) return 'not-found';
            return after.replyTemplates.length > (before?.replyTemplates.length ?? 0) ? 'saved' : 'rejected';
          });
        break;
      }
      case 'list-item': {
        const letter = args.target as keyof typeof shopListLetters;
        const list = shopListLetters[letter];
        const name = await askLine(
          t('mapping-ask-item', { list, max: SHOP_ITEM_NAME_MAX }),
          SHOP_ITEM_NAME_MAX,
        );
        if (!name) return;
        const added = await conversation.external(() => deps.services.mappings.addItem(list, name));
        await ctx.reply(t(added ? 'stores-saved' : 'mapping-item-rejected'), {
          reply_markup: new InlineKeyboard().text(
            t('stores-button-back'),
            shopListCallback.pack({ l: letter, a: 'v', i: '' }),
          ),
        });
        return;
      }
    }
    if (saved === null) return;
    const back = new InlineKeyboard().text(t('stores-button-back'), storeData('op', storeId));
    const key = {
      saved: 'stores-saved',
      'not-found': 'stores-not-found',
      rejected: 'stores-template-rejected',
    }[saved];
    await ctx.reply(t(key), saved === 'not-found' ? {} : { reply_markup: back });
  };
}
