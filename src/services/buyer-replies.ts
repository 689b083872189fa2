import { Types } from 'mongoose';
import type { BuyerMessageDoc, MessageThreadDoc, ReplyDraftDoc } from '#src/db/models/buyer-message.js';
import type { Models } from '#src/db/models/index.js';
import type { Logger } from '#src/logger.js';
import { isMarketplaceError } from '#src/marketplaces/errors.js';
import { replyTargetOf } from '#src/services/buyer-messages.js';
import type { Actor } from '#src/services/order-actions.js';
import { seesStore } from '#src/services/store-scope.js';
import { enqueueMessageCard } from '#src/services/outbox.js';
import type { StoreRecord, StoreService } from '#src/services/stores.js';
import { isDuplicateKey } from '#src/db/errors.js';

/** A send left "sending" by a crashed process stops blocking its draft after this. */
const STALE_SEND_MS = 2 * 60_000;

export interface LoadedMessage {
  message: BuyerMessageDoc;
  thread: MessageThreadDoc;
  store: StoreRecord;
}

export type Refusal =
  | { ok: false; reason: 'not_found' | 'not_allowed' | 'busy' | 'unavailable' }
  | { ok: false; reason: 'too_long'; length: number; max: number }
  | { ok: false; reason: 'refused'; detail: string | null };

export type Loaded<T> = ({ ok: true } & T) | Refusal;

export interface DraftPreview extends LoadedMessage {
  draft: ReplyDraftDoc;
  /** what the buyer will receive: the draft and the store's signature */
  fullText: string;
  maxLength: number;
}

const mayWorkOn = (actor: Actor, store: StoreRecord) => seesStore(actor, store._id);

const asId = (id: string | Types.ObjectId) =>
  typeof id === 'string' && !Types.ObjectId.isValid(id) ? null : new Types.ObjectId(id);

/** The text the buyer receives: the answer, then the store's signature on its own paragraph. */
export function withSignature(text: string, signature: string): string {
  const sign = signature.trim();
  return sign ? `${text.trim()}\n\n${sign}` : text.trim();
}

/** M2/M3 and mark read: everything a manager does to a buyer message. */
export function createBuyerReplies(models: Models, stores: StoreService, logger: Logger) {
  async function load(buyerMessageId: string | Types.ObjectId, actor: Actor): Promise<Loaded<LoadedMessage>> {
    const id = asId(buyerMessageId);
    const message = id ? await models.buyerMessages.findById(id).lean<BuyerMessageDoc>() : null;
    const thread = message
      ? await models.messageThreads.findById(message.threadId).lean<MessageThreadDoc>()
      : null;
    const store = message ? await stores.get(message.storeId) : null;
    if (!message || !thread || !store) return { ok: false, reason: 'not_found' };
    if (!mayWorkOn(actor, store)) {
      logger.warn(
        { user: actor.telegramId, store: String(store._id) },
        'refused a message action outside the user stores',
      );
      return { ok: false, reason: 'not_allowed' };
    }
    return { ok: true, message, thread, store };
  }

  async function loadDraft(
    draftId: string,
    actor: Actor,
  ): Promise<Loaded<LoadedMessage & { draft: ReplyDraftDoc }>> {
    const id = asId(draftId);
    const draft = id ? await models.replyDrafts.findById(id).lean<ReplyDraftDoc>() : null;
    if (!draft || draft.telegramId !== actor.telegramId) return { ok: false, reason: 'not_found' };
    const loaded = await load(draft.buyerMessageId, actor);
    return loaded.ok ? { ...loaded, draft } : loaded;
  }

  /** Earlier messages of the thread are covered by the same answer or read mark. */
  async function settleThread(
    message: BuyerMessageDoc,
    fields: { answeredBy: string; answeredAt: Date } | { readBy: string; readAt: Date },
  ): Promise<void> {
    const unsettled = 'answeredBy' in fields ? { answeredAt: null } : { readAt: null };
    const covered = await models.buyerMessages
      .find({ threadId: message.threadId, sentAt: { $lte: message.sentAt }, ...unsettled })
      .lean<BuyerMessageDoc[]>();
    const ids = [...new Set([String(message._id), ...covered.map((m) => String(m._id))])];
    for (const id of ids) {
      await models.buyerMessages.updateOne({ _id: id }, { $set: fields, $inc: { version: 1 } });
      const updated = await models.buyerMessages.findById(id).lean<BuyerMessageDoc>();
      const entries = await models.outbox.find({ kind: 'message_card', buyerMessageId: id }).lean();
      if (!updated) continue;
      await enqueueMessageCard(
        models,
        updated._id,
        updated.version,
        entries.map((entry) => ({ chatId: entry.chatId, threadId: entry.threadId ?? 0 })),
      );
    }
  }

  async function claimSend(draft: ReplyDraftDoc, loaded: LoadedMessage, actor: Actor, text: string) {
    const row = {
      draftId: draft._id,
      buyerMessageId: loaded.message._id,
      threadId: loaded.thread._id,
      text,
      by: actor.name,
      telegramId: actor.telegramId,
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await models.sentReplies.create({ ...row, at: new Date() });
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const stale = await models.sentReplies.deleteOne({
          draftId: draft._id,
          state: 'sending',
          at: { $lt: new Date(Date.now() - STALE_SEND_MS) },
        });
        if (stale.deletedCount === 0) return false;
      }
    }
    return false;
  }

  return {
    open: load,

    /** M3: the store's saved answers for a message the actor may answer. */
    async templates(
      buyerMessageId: string,
      actor: Actor,
    ): Promise<Loaded<{ templates: { title: string; text: string }[] }>> {
      const loaded = await load(buyerMessageId, actor);
      if (!loaded.ok) return loaded;
      return { ok: true, templates: loaded.store.replyTemplates.map(({ title, text }) => ({ title, text })) };
    },

    /** Creates the actor's draft for a message, or replaces the text of an existing one. */
    async saveDraft(
      buyerMessageId: string,
      actor: Actor,
      text: string,
      draftId: string | null = null,
    ): Promise<Loaded<{ draftId: string }>> {
      const loaded = await load(buyerMessageId, actor);
      if (!loaded.ok) return loaded;
      if (draftId) {
        const updated = await models.replyDrafts.updateOne(
          { _id: asId(draftId), telegramId: actor.telegramId },
          { $set: { text } },
        );
        if (updated.matchedCount > 0) return { ok: true, draftId };
      }
      const draft = await models.replyDrafts.create({
        buyerMessageId: loaded.message._id,
        telegramId: actor.telegramId,
        text,
      });
      return { ok: true, draftId: String(draft._id) };
    },

    /** A template's text as a draft of the message, by the template's position in the store list. */
    async draftFromTemplate(
      buyerMessageId: string,
      actor: Actor,
      index: number,
    ): Promise<Loaded<{ draftId: string }>> {
      const loaded = await load(buyerMessageId, actor);
      if (!loaded.ok) return loaded;
      const template = loaded.store.replyTemplates[index];
      if (!template) return { ok: false, reason: 'not_found' };
      const draft = await models.replyDrafts.create({
        buyerMessageId: loaded.message._id,
        telegramId: actor.telegramId,
        text: template.text,
      });
      return { ok: true, draftId: String(draft._id) };
    },

    async preview(draftId: string, actor: Actor): Promise<Loaded<DraftPreview>> {
      const loaded = await loadDraft(draftId, actor);
      if (!loaded.ok) return loaded;
      return {
        ...loaded,
        fullText: withSignature(loaded.draft.text, loaded.store.replySignature),
        maxLength: stores.marketplaceFor(loaded.store).replyMaxLength,
      };
    },

    /**
     * M2: sends the draft into the buyer's thread. An answer longer than the marketplace takes
     * is refused before any call (one answer is never split into pieces the buyer reads apart);
     * on any refusal the draft stays for another try.
     */
    async sendDraft(draftId: string, actor: Actor): Promise<Loaded<{ message: BuyerMessageDoc }>> {
      const loaded = await loadDraft(draftId, actor);
      if (!loaded.ok) return loaded;
      const marketplace = stores.marketplaceFor(loaded.store);
      const text = withSignature(loaded.draft.text, loaded.store.replySignature);
      if (text.length > marketplace.replyMaxLength) {
        return { ok: false, reason: 'too_long', length: text.length, max: marketplace.replyMaxLength };
      }
      if (!(await claimSend(loaded.draft, loaded, actor, text))) return { ok: false, reason: 'busy' };
      try {
        await marketplace.reply(replyTargetOf(loaded.thread, loaded.message), text);
      } catch (error) {
        await models.sentReplies.deleteOne({ draftId: loaded.draft._id });
        if (!isMarketplaceError(error)) throw error;
        logger.info({ err: error.message, detail: error.detail }, 'marketplace refused a reply');
        if (error.kind === 'refused' || error.kind === 'not_found' || error.kind === 'auth') {
          return { ok: false, reason: 'refused', detail: error.detail ?? error.message };
        }
        return { ok: false, reason: 'unavailable' };
      }
      const at = new Date();
      await models.sentReplies.updateOne({ draftId: loaded.draft._id }, { $set: { state: 'sent', at } });
      await models.replyDrafts.deleteOne({ _id: loaded.draft._id });
      await settleThread(loaded.message, { answeredBy: actor.name, answeredAt: at });
      return { ok: true, message: loaded.message };
    },

    /** false when there was no such draft of this member (a stale or forged button) */
    async cancelDraft(draftId: string, actor: Actor): Promise<boolean> {
      const id = asId(draftId);
      if (!id) return false;
      const result = await models.replyDrafts.deleteOne({ _id: id, telegramId: actor.telegramId });
      return result.deletedCount > 0;
    },

    /** Marks the message (and the thread before it) read on the marketplace and on every card. */
    async markRead(buyerMessageId: string, actor: Actor): Promise<Loaded<object>> {
      const loaded = await load(buyerMessageId, actor);
      if (!loaded.ok) return loaded;
      try {
        await stores.marketplaceFor(loaded.store).markRead(replyTargetOf(loaded.thread, loaded.message));
      } catch (error) {
        if (!isMarketplaceError(error)) throw error;
        logger.info({ err: error.message, detail: error.detail }, 'marketplace refused to mark read');
        return error.transient
          ? { ok: false, reason: 'unavailable' }
          : { ok: false, reason: 'refused', detail: error.detail ?? error.message };
      }
      await settleThread(loaded.message, { readBy: actor.name, readAt: new Date() });
      return { ok: true };
    },

    /** The buyer message whose card is this Telegram message, if any (a reply to a card). */
    async messageOfCard(chatId: number, telegramMessageId: number): Promise<string | null> {
      const card = await models.messageCards.findOne({ chatId, messageId: telegramMessageId }).lean();
      return card ? String(card.buyerMessageId) : null;
    },
  };
}

export type BuyerReplies = ReturnType<typeof createBuyerReplies>;
