import { statusLabel } from '#src/marketplaces/rozetka/statuses.js';
import type { FakeRouter } from '#src/sandbox/http-server.js';
import { authed, type AuthedHandler } from '#src/sandbox/fake-rozetka/auth-routes.js';
import {
  ERRORS,
  bodyFields,
  expandsOf,
  fail,
  inRange,
  integerOf,
  ok,
  pageOf,
  sortRows,
  timeRange,
} from '#src/sandbox/fake-rozetka/responses.js';
import type { FakeRozetkaState } from '#src/sandbox/fake-rozetka/state.js';
import type { FakeChat, FakeChatMessage } from '#src/sandbox/fake-rozetka/types.js';

/** System messages (sender 0/1) never leave the API (spec §5). */
const isPersonal = (message: FakeChatMessage) => message.sender === 2 || message.sender === 3;

/** `msgType` → chat type; without `msgType` only item chats come back (spec §5). */
const CHAT_TYPE_BY_MSG_TYPE: Record<string, FakeChat['type']> = { orders: 0, items: 1, seller: 2 };

export function registerMessageRoutes(router: FakeRouter, state: FakeRozetkaState): void {
  const { settings } = state;
  // every chat call needs the "My correspondence" section of the token's role
  const withChats = (handler: AuthedHandler) => authed(state, handler, 'correspondence');

  function chatJson(chat: FakeChat, expands: Set<string>): Record<string, unknown> {
    const personal = state.messagesOf(chat.id).filter(isPersonal);
    const json: Record<string, unknown> = { ...chat };
    if (expands.has('messages')) json.messages = personal;
    if (expands.has('unread_messages_count')) {
      json.unread_messages_count = personal.filter((message) => message.sender === 3 && !message.read).length;
    }
    if (expands.has('user_fio')) json.user_fio = chat.user.contact_fio;
    if (expands.has('market_title')) json.market_title = state.marketTitle;
    const stored = chat.order_id === null ? undefined : state.orders.get(chat.order_id);
    if (expands.has('order_data') && stored) {
      const { order } = stored;
      json.order_data = {
        id: order.id,
        created: order.created,
        amount: order.amount,
        amount_with_discount: order.amount_with_discount,
        cost_with_discount: order.cost_with_discount,
        total_quantity: order.total_quantity,
        is_fulfillment: order.is_fulfillment,
        status: order.status,
        status_data: { id: order.status, name_uk: statusLabel(order.status) },
      };
    }
    const item =
      chat.item_id === null ? undefined : state.goods.find((goods) => goods.rz_item_id === chat.item_id);
    if (expands.has('item') && item)
      json.item = { id: item.rz_item_id, name: item.name, name_ua: item.name_ua };
    return json;
  }

  router.on(
    'GET',
    '/messages/search',
    withChats(({ query }) => {
      const msgType = query.get('msgType');
      const read = query.get('read');
      const updated = timeRange(query, 'updated');
      const created = timeRange(query, 'created');
      const wantedType = CHAT_TYPE_BY_MSG_TYPE[msgType ?? 'items'];
      const matching = [...state.chats.values()].filter(
        (chat) =>
          (msgType === 'deleted'
            ? chat.trash_market === 1
            : chat.trash_market === 0 && chat.type === wantedType) &&
          state.messagesOf(chat.id).some(isPersonal) &&
          (read === null || (read === '0' ? chat.read_market === null : chat.read_market !== null)) &&
          (!query.get('id') || String(chat.id) === query.get('id')) &&
          inRange(chat.updated, updated) &&
          inRange(chat.created, created),
      );
      const sorted = sortRows(
        matching,
        query.get('sort'),
        { id: (chat) => chat.id, updated: (chat) => chat.updated, created: (chat) => chat.created },
        '-updated',
      );
      const { rows, _meta } = pageOf(sorted, query, settings.perPage, settings.pageMeta);
      const expands = expandsOf(query);
      return ok({ chats: rows.map((chat) => chatJson(chat, expands)), _meta });
    }),
  );

  router.on(
    'GET',
    '/messages/counts',
    withChats(() => {
      const live = [...state.chats.values()].filter((chat) => chat.trash_market === 0);
      const unread = live.filter((chat) => chat.read_market === null);
      const unreadMessages = state.messages.filter((message) => message.sender === 3 && !message.read);
      const ofType = (chats: FakeChat[], type: FakeChat['type']) =>
        chats.filter((chat) => chat.type === type).length;
      return ok({
        totalUnread: unread.length,
        total: live.length,
        totalUnreadMessages: unreadMessages.length,
        ordersChatUnread: ofType(unread, 0),
        ordersChatAll: ofType(live, 0),
        itemsChatUnread: ofType(unread, 1),
        itemsChatAll: ofType(live, 1),
        sellerChatUnread: ofType(unread, 2),
        sellerChatAll: ofType(live, 2),
        deletedChats: state.chats.size - live.length,
      });
    }),
  );

  router.on(
    'POST',
    '/messages/create',
    withChats(({ body }, seller) => {
      const fields = bodyFields(body);
      const chatId = integerOf(fields.chat_id);
      const receiverId = integerOf(fields.receiver_id);
      const text = fields.body;
      if (chatId === null) return fail(settings, ERRORS.requiredParameter('chat_id', 'Не вказано чат'));
      if (typeof text !== 'string' || !text.trim()) {
        return fail(settings, ERRORS.requiredParameter('body', 'Порожнє повідомлення'));
      }
      const chat = state.chats.get(chatId);
      if (!chat) return fail(settings, ERRORS.notFound(`Чат ${chatId}`));
      if (receiverId !== chat.user.id) {
        return fail(settings, ERRORS.checkData('Отримувач не є учасником цього чату', ['receiver_id']));
      }
      const { message } = state.addChatMessage({ chatId, body: text, sender: 'seller' });
      const { id: _id, ...created } = { ...message, seller: { id: seller.managerId, fio: seller.fio } };
      return ok({ ...created, seller_id: seller.managerId });
    }),
  );

  router.on(
    'GET',
    '/messages/:id/order-chat',
    withChats(({ params, query }) => {
      const stored = state.orders.get(Number(params.id));
      if (!stored) return fail(settings, ERRORS.notFound(`Замовлення ${params.id}`));
      return ok(chatJson(state.chatForOrder(stored.order), expandsOf(query)));
    }),
  );

  router.on(
    'GET',
    '/messages/:id',
    withChats(({ params, query }) => {
      const chat = state.chats.get(Number(params.id));
      if (!chat) return fail(settings, ERRORS.notFound(`Чат ${params.id}`));
      state.markChatRead(chat, state.nowText());
      return ok(chatJson(chat, expandsOf(query)));
    }),
  );

  router.on(
    'PUT',
    '/messages/:id',
    withChats(({ params, body }) => {
      const chat = state.chats.get(Number(params.id));
      if (!chat) return fail(settings, ERRORS.notFound(`Чат ${params.id}`));
      const fields = bodyFields(body);
      if ('read_market' in fields) {
        const value = fields.read_market;
        if (value === null) chat.read_market = null;
        else state.markChatRead(chat, typeof value === 'string' && value ? value : state.nowText());
      }
      const star = integerOf(fields.star_market);
      if (star === 0 || star === 1) chat.star_market = star;
      return ok(chatJson(chat, new Set()));
    }),
  );
}
