import type { FakeMessage, FakeTelegram } from '#src/sandbox/fake-telegram/server.js';
import type { ChaosShop } from './shops.js';

/** What a chaos run put into the fake shops, to hold against what the chats saw. */
export interface PlacedOrder {
  shop: ChaosShop;
  orderId: number;
  /** the private chat of the store's manager, where its card belongs */
  chatId: number;
}

export interface PlacedMessage {
  /** unique text of the buyer's message, found again on its card */
  body: string;
  chatId: number;
}

const MESSAGE_BODY = /chaos-message-\d+/;

export const messageBody = (index: number) => `chaos-message-${index}`;

export const isOrderCard = (message: FakeMessage, orderId: number) =>
  message.reply_to_message_id === null &&
  !MESSAGE_BODY.test(message.text) &&
  new RegExp(`№${orderId}(?!\\d)`).test(message.text);

/** how many cards each order and buyer message got in its chat */
export function countCards(telegram: FakeTelegram, chatIds: Iterable<number>) {
  const cards = new Map<string, number>();
  const add = (key: string) => cards.set(key, (cards.get(key) ?? 0) + 1);
  for (const chatId of new Set(chatIds)) {
    for (const message of telegram.botMessages(chatId)) {
      const body = MESSAGE_BODY.exec(message.text)?.[0];
      if (body) add(`${chatId}:${body}`);
      else if (message.reply_to_message_id === null) {
        const number = /№(\d+)/.exec(message.text)?.[1];
        if (number) add(`${chatId}:${number}`);
      }
    }
  }
  return cards;
}

/** created, carded, carded twice, never carded: one line of the verdict */
export function cardFigures(keys: string[], cards: Map<string, number>) {
  const countOf = (key: string) => cards.get(key) ?? 0;
  return {
    created: keys.length,
    carded: keys.filter((key) => countOf(key) > 0).length,
    carded_twice: keys.filter((key) => countOf(key) > 1).length,
    never_carded: keys.filter((key) => countOf(key) === 0).length,
  };
}

/**
 * When (ms since the epoch) each send mentioning a card's key reached the fake and was delivered:
 * a send answered with a fault (429, 502) put nothing in the chat.
 */
export function sendTimes(telegram: FakeTelegram, key: string): number[] {
  const [chatId, subject] = key.split(':') as [string, string];
  const mention = MESSAGE_BODY.test(subject) ? subject : `№${subject}`;
  return telegram.calls
    .filter((call) => call.method === 'sendMessage' && String(call.chatId) === chatId && !call.fault)
    .filter((call) => String(call.payload.text ?? '').includes(mention))
    .map((call) => call.at);
}

export const orderKey = (order: PlacedOrder) => `${order.chatId}:${order.orderId}`;
export const messageKey = (message: PlacedMessage) => `${message.chatId}:${message.body}`;
export const chatOfKey = (key: string) => key.split(':')[0];
