import { z } from 'zod';
import { MarketplaceError } from '#src/marketplaces/errors.js';
import type { Logger } from '#src/logger.js';
import { convertedOrSkipped } from '#src/marketplaces/malformed.js';
import { buyerMessageSchema, type BuyerMessage, type ReplyTarget } from '#src/marketplaces/port.js';
import type { RozetkaClient } from '#src/marketplaces/rozetka/client.js';
import { formatKyiv } from '#src/marketplaces/rozetka/kyiv-time.js';
import { eachPage } from '#src/marketplaces/rozetka/paging.js';
import { chatListContentSchema, rawChatSchema } from '#src/marketplaces/rozetka/schemas.js';
import { BUYER_SENDER, toBuyerMessage } from '#src/marketplaces/rozetka/to-domain.js';

/**
 * No limit is documented; 2000 characters is a conservative choice (UNCONFIRMED) and the
 * bot splits longer replies.
 */
export const ROZETKA_REPLY_MAX_LENGTH = 2000;
const MESSAGE_WATERMARK_OVERLAP_MS = 5 * 60_000;
/** order chats and item questions; seller questions have no known `msgType` (spec §5) */
const CHAT_TYPES = ['orders', 'items'] as const;
const CHAT_EXPAND = 'messages,order_data,item,user_fio';

export interface MessagesContext {
  client: RozetkaClient;
  now: () => Date;
  logger?: Logger | undefined;
}

const refuse = (message: string) => new MarketplaceError('refused', message);
const asApiId = (id: string) => (/^\d+$/.test(id) ? Number(id) : id);

export function createMessageOperations({ client, now, logger }: MessagesContext) {
  /**
   * Reads chats only through `/messages/search` with `expand=messages`: opening a chat
   * (`GET /messages/{id}`) would mark it read for the shop's staff in the cabinet.
   * Without a watermark only unread chats and their unread buyer messages are taken.
   */
  async function listNewMessages(since: Date | null): Promise<BuyerMessage[]> {
    const from = since ? new Date(since.getTime() - MESSAGE_WATERMARK_OVERLAP_MS) : null;
    const found = new Map<string, BuyerMessage>();
    for (const msgType of CHAT_TYPES) {
      const pages = eachPage(async (page) => {
        const content = await client.call({
          path: '/messages/search',
          params: {
            msgType,
            expand: CHAT_EXPAND,
            page,
            ...(from ? { updated_from: formatKyiv(from) } : { read: 0 }),
          },
          content: chatListContentSchema,
          action: `list ${msgType} chats`,
        });
        return { rows: content.chats, meta: content._meta };
      });
      for await (const rows of pages) {
        for (const chat of convertedOrSkipped(rows, (row) => rawChatSchema.parse(row), logger, 'chat')) {
          const wanted = (chat.messages ?? []).filter(
            (message) => message.sender === BUYER_SENDER && (from || !message.read),
          );
          const converted = (message: unknown) =>
            buyerMessageSchema.parse(toBuyerMessage(chat, message as (typeof wanted)[number]));
          for (const buyerMessage of convertedOrSkipped(wanted, converted, logger, 'message')) {
            if (from && buyerMessage.createdAt < from) continue;
            found.set(buyerMessage.marketplaceMessageId, buyerMessage);
          }
        }
      }
    }
    return [...found.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async function reply(target: ReplyTarget, text: string): Promise<void> {
    if (!target.peerId) throw refuse('Rozetka needs the buyer id to reply in this chat');
    if (!text.trim()) throw refuse('The reply is empty');
    if (text.length > ROZETKA_REPLY_MAX_LENGTH) {
      throw refuse(`The reply is longer than ${ROZETKA_REPLY_MAX_LENGTH} characters`);
    }
    await client.call({
      method: 'POST',
      path: '/messages/create',
      body: { body: text, chat_id: asApiId(target.threadId), receiver_id: asApiId(target.peerId) },
      content: z.unknown(),
      action: `send the reply to chat ${target.threadId}`,
    });
  }

  async function markRead(target: ReplyTarget): Promise<void> {
    await client.call({
      method: 'PUT',
      path: `/messages/${encodeURIComponent(target.threadId)}`,
      body: { read_market: formatKyiv(now()) },
      content: z.unknown(),
      action: `mark chat ${target.threadId} read`,
    });
  }

  return { listNewMessages, reply, markRead };
}
