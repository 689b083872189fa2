import { Composer } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { BotContext } from '#src/bot/context.js';
import { actorOf } from '#src/bot/order-callback-guard.js';
import { clipText, escapeHtml } from '#src/notify/cards/format.js';
import {
  cancelDraftCallback,
  editDraftCallback,
  markMessageReadCallback,
  messageTemplatesCallback,
  pickTemplateCallback,
  replyToMessageCallback,
  sendDraftCallback,
} from '#src/notify/cards/message-callbacks.js';
import type { Translate } from '#src/notify/cards/order-card.js';
import type { Refusal } from '#src/services/buyer-replies.js';
import type { Services } from '#src/services/index.js';
import type { Actor } from '#src/services/order-actions.js';

// conversation ids use underscores so they never read as locale keys
export const BUYER_REPLY = 'buyer_reply';

export interface BuyerReplyArgs {
  messageId: string;
  /** the draft being edited; null for a new answer */
  draftId: string | null;
  locale: string;
  userId: number;
}

/** What the preview shows of an answer; the whole text is what gets sent. */
const PREVIEW_TEXT_MAX = 3500;

/** The plain-words answer to a refusal, as a locale key and its variables. */
export function describeRefusal(refusal: Refusal): { key: string; vars?: Record<string, string | number> } {
  switch (refusal.reason) {
    case 'too_long':
      return {
        key: 'message-reply-too-long',
        vars: { length: String(refusal.length), max: String(refusal.max) },
      };
    case 'refused':
      return refusal.detail
        ? { key: 'message-reply-refused', vars: { reason: clipText(refusal.detail, 300) } }
        : { key: 'message-reply-refused-plain' };
    default:
      return { key: `message-action-${refusal.reason.replace('_', '-')}` };
  }
}

export type PreviewMessage =
  { ok: true; text: string; replyMarkup: InlineKeyboardMarkup } | { ok: false; text: string };

/** M2: the answer as the buyer will get it (signature included), with Send / Edit / Cancel. */
export async function buildPreview(
  services: Services,
  draftId: string,
  actor: Actor,
  t: Translate,
): Promise<PreviewMessage> {
  const preview = await services.buyerReplies.preview(draftId, actor);
  if (!preview.ok) {
    const { key, vars } = describeRefusal(preview);
    return { ok: false, text: t(key, vars) };
  }
  const buyer = preview.message.buyerName || preview.thread.buyerName || t('message-card-buyer-unknown');
  const length = preview.fullText.length;
  const lines = [
    `<b>${escapeHtml(t('message-preview-title', { buyer: clipText(buyer, 100), store: clipText(preview.store.name, 100) }))}</b>`,
    `<blockquote>${escapeHtml(clipText(preview.fullText, PREVIEW_TEXT_MAX))}</blockquote>`,
    escapeHtml(t('message-preview-length', { length: String(length), max: String(preview.maxLength) })),
  ];
  if (length > preview.maxLength) {
    lines.push(
      `⚠️ ${escapeHtml(t('message-reply-too-long', { length: String(length), max: String(preview.maxLength) }))}`,
    );
  }
  return {
    ok: true,
    text: lines.join('\n\n'),
    replyMarkup: {
      inline_keyboard: [
        [
          { text: t('message-preview-button-send'), callback_data: sendDraftCallback.pack({ draftId }) },
          { text: t('message-preview-button-edit'), callback_data: editDraftCallback.pack({ draftId }) },
          { text: t('message-preview-button-cancel'), callback_data: cancelDraftCallback.pack({ draftId }) },
        ],
      ],
    },
  };
}

const translatorOf =
  (ctx: BotContext): Translate =>
  (key, vars) =>
    ctx.t(key, vars);

async function replyWithPreview(ctx: BotContext, draftId: string, options: { edit: boolean }) {
  const preview = await buildPreview(ctx.services, draftId, actorOf(ctx), translatorOf(ctx));
  const extra = preview.ok ? { parse_mode: 'HTML' as const, reply_markup: preview.replyMarkup } : {};
  if (options.edit) await ctx.editMessageText(preview.text, extra);
  else await ctx.reply(preview.text, { ...extra, reply_parameters: replyingTo(ctx) });
}

const replyingTo = (ctx: BotContext) => ({ message_id: ctx.msgId ?? 0, allow_sending_without_reply: true });

async function refuse(ctx: BotContext, refusal: Refusal) {
  const { key, vars } = describeRefusal(refusal);
  await ctx.answerCallbackQuery({ text: clipText(ctx.t(key, vars), 190), show_alert: true });
}

async function enterReply(ctx: BotContext, messageId: string, draftId: string | null) {
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(BUYER_REPLY, {
    messageId,
    draftId,
    locale: await ctx.i18n.getLocale(),
    userId: ctx.from?.id ?? 0,
  } satisfies BuyerReplyArgs);
}

export const messagesFeature = new Composer<BotContext>();

function onButton<T>(
  codec: { filter: RegExp; unpack(data: string): T | null },
  handle: (ctx: BotContext, data: T) => Promise<void>,
) {
  messagesFeature.callbackQuery(codec.filter, async (ctx, next) => {
    const data = codec.unpack(ctx.callbackQuery.data);
    if (!data) return next();
    await handle(ctx, data);
  });
}

onButton(replyToMessageCallback, async (ctx, { messageId }) => {
  const opened = await ctx.services.buyerReplies.open(messageId, actorOf(ctx));
  if (!opened.ok) return refuse(ctx, opened);
  await ctx.answerCallbackQuery();
  await enterReply(ctx, messageId, null);
});

onButton(messageTemplatesCallback, async (ctx, { messageId }) => {
  const found = await ctx.services.buyerReplies.templates(messageId, actorOf(ctx));
  if (!found.ok) return refuse(ctx, found);
  if (found.templates.length === 0) {
    await ctx.answerCallbackQuery({ text: ctx.t('message-templates-none'), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t('message-templates-choose'), {
    reply_parameters: replyingTo(ctx),
    reply_markup: {
      inline_keyboard: found.templates.slice(0, 50).map((template, index) => [
        {
          text: clipText(template.title, 60),
          callback_data: pickTemplateCallback.pack({ messageId, index }),
        },
      ]),
    },
  });
});

onButton(pickTemplateCallback, async (ctx, { messageId, index }) => {
  const draft = await ctx.services.buyerReplies.draftFromTemplate(messageId, actorOf(ctx), index);
  if (!draft.ok) return refuse(ctx, draft);
  // a reply being typed is replaced by the template
  await ctx.conversation.exitAll();
  await ctx.answerCallbackQuery();
  await replyWithPreview(ctx, draft.draftId, { edit: true });
});

onButton(markMessageReadCallback, async (ctx, { messageId }) => {
  const result = await ctx.services.buyerReplies.markRead(messageId, actorOf(ctx));
  if (!result.ok && result.reason === 'refused') {
    const reason = clipText(result.detail ?? '', 150);
    await ctx.answerCallbackQuery({ text: ctx.t('message-action-refused', { reason }), show_alert: true });
    return;
  }
  if (!result.ok) return refuse(ctx, result);
  await ctx.answerCallbackQuery({ text: ctx.t('message-marked-read') });
});

onButton(sendDraftCallback, async (ctx, { draftId }) => {
  const result = await ctx.services.buyerReplies.sendDraft(draftId, actorOf(ctx));
  if (!result.ok) {
    const { key, vars } = describeRefusal(result);
    await ctx.answerCallbackQuery();
    // the preview and its buttons stay: the draft is kept for another try
    await ctx.reply(ctx.t(key, vars), { reply_parameters: replyingTo(ctx) });
    return;
  }
  await ctx.answerCallbackQuery({ text: ctx.t('message-reply-sent') });
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } });
  await ctx.reply(ctx.t('message-reply-sent'), { reply_parameters: replyingTo(ctx) });
});

onButton(editDraftCallback, async (ctx, { draftId }) => {
  const preview = await ctx.services.buyerReplies.preview(draftId, actorOf(ctx));
  if (!preview.ok) return refuse(ctx, preview);
  await ctx.answerCallbackQuery();
  await enterReply(ctx, String(preview.message._id), draftId);
});

onButton(cancelDraftCallback, async (ctx, { draftId }) => {
  // a button of no draft of theirs must not rewrite the message it sits under (an order card)
  if (!(await ctx.services.buyerReplies.cancelDraft(draftId, actorOf(ctx))))
    return refuse(ctx, { ok: false, reason: 'not_found' });
  await ctx.conversation.exitAll();
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('message-reply-discarded'));
});

/**
 * M2 without buttons: a reply (in Telegram) to a buyer-message card becomes a draft of the
 * answer to that buyer. In groups the bot sees it when privacy mode is off or the reply is to
 * one of its own messages, which a card is.
 */
messagesFeature.on('message:text', async (ctx, next) => {
  const repliedTo = ctx.message.reply_to_message;
  if (!repliedTo || repliedTo.from?.id !== ctx.me.id || ctx.message.text.startsWith('/')) return next();
  const messageId = await ctx.services.buyerReplies.messageOfCard(ctx.chat.id, repliedTo.message_id);
  if (!messageId) return next();
  const saved = await ctx.services.buyerReplies.saveDraft(messageId, actorOf(ctx), ctx.message.text.trim());
  if (!saved.ok) {
    const { key, vars } = describeRefusal(saved);
    await ctx.reply(ctx.t(key, vars), { reply_parameters: replyingTo(ctx) });
    return;
  }
  await replyWithPreview(ctx, saved.draftId, { edit: false });
});
