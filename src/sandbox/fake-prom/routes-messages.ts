import type { FakeHandler, FakeRouter } from '#src/sandbox/http-server.js';
import type { FakePromBehaviour } from '#src/sandbox/fake-prom/behaviour.js';
import { formatChatDate, formatResponseDate } from '#src/sandbox/fake-prom/format.js';
import {
  API_PREFIX,
  asObject,
  error200,
  fieldErrors,
  isInt,
  json,
  pageByLastId,
  pageByOffset,
  readDateFilters,
  statusError,
  statusOk,
  within,
} from '#src/sandbox/fake-prom/http.js';
import type { FakePromState } from '#src/sandbox/fake-prom/state.js';
import type { FakeChatMessage, FakeChatRoom, FakeLegacyMessage } from '#src/sandbox/fake-prom/types.js';

/** Chat `body` maxLength in the official schema. */
const CHAT_BODY_MAX_LENGTH = 2000;
const PROJECTS = new Set(['promua', 'biglua', 'all']);
const LEGACY_STATUSES = new Set(['unread', 'read', 'deleted']);

export function renderChatMessage(message: FakeChatMessage, room: FakeChatRoom) {
  return {
    id: message.id,
    room_id: room.uuid,
    room_ident: room.ident,
    body: message.body,
    date_sent: formatChatDate(message.sentAt),
    date_edited: null,
    type: message.type,
    status: message.status,
    context_item_id: message.contextItemId,
    context_item_image_url: null,
    context_item_type: message.contextItemType,
    attachments: message.attachments,
    user_name: message.isSender ? 'Менеджер магазину' : room.userName,
    user_ident: message.isSender ? null : room.userId,
    user_phone: message.isSender ? null : room.userPhone,
    buyer_client_id: room.buyerClientId,
    is_sender: message.isSender,
  };
}

const byDateThenId = (a: FakeChatMessage, b: FakeChatMessage) =>
  a.sentAt.getTime() - b.sentAt.getTime() || a.id - b.id;

export function registerChatRoutes(router: FakeRouter, state: FakePromState, behaviour: FakePromBehaviour) {
  const roomOf = (message: FakeChatMessage) => state.rooms.get(message.roomIdent) as FakeChatRoom;
  const lastMessageOf = (room: FakeChatRoom) =>
    [...state.chatMessages.values()]
      .filter((message) => message.roomIdent === room.ident)
      .sort(byDateThenId)
      .at(-1);
  /** Every chat call first checks that chat is on and that `project` (query or body) is known. */
  const on = (method: string, path: string, handler: FakeHandler) =>
    router.on(method, `${API_PREFIX}/chat/${path}`, (request) => {
      if (!behaviour.chatEnabled) return statusError('Chat is disabled');
      const project = request.query.get('project') ?? asObject(request.body).project;
      if (project != null && !PROJECTS.has(String(project)))
        return statusError(`Invalid project: ${String(project)}`);
      return handler(request);
    });

  on('GET', 'rooms', ({ query }) => {
    const filters = readDateFilters(query, ['date_from', 'date_to'], behaviour);
    if (filters.kind === 'invalid') return statusError(`Invalid date format: ${filters.name}`);
    if (filters.kind === 'empty') return statusOk({ rooms: [] });
    const status = query.get('status') ?? 'active';
    const rooms = [...state.rooms.values()]
      .flatMap((room) => {
        const last = lastMessageOf(room);
        if (room.status !== status || !last) return [];
        return within(last.sentAt, filters.dates.date_from, filters.dates.date_to) ? [{ room, last }] : [];
      })
      .sort((a, b) => a.last.sentAt.getTime() - b.last.sentAt.getTime());
    return statusOk({
      rooms: pageByOffset(rooms, query, 20).map(({ room, last }) => ({
        id: room.id,
        ident: room.ident,
        date_sent: formatChatDate(last.sentAt),
        status: room.status,
        last_message_id: last.id,
        buyer_client_id: room.buyerClientId,
      })),
    });
  });

  on('GET', 'messages_history', ({ query }) => {
    const filters = readDateFilters(query, ['date_from', 'date_to'], behaviour);
    if (filters.kind === 'invalid') return statusError(`Invalid date format: ${filters.name}`);
    if (filters.kind === 'empty') return statusOk({ messages: [] });
    const status = query.get('status');
    const roomIdent = query.get('room_ident');
    const userId = query.get('user_id');
    const messages = [...state.chatMessages.values()]
      .filter(
        (message) =>
          (status === null || message.status === status) &&
          (roomIdent === null || message.roomIdent === roomIdent) &&
          (userId === null || roomOf(message).userId === userId) &&
          within(message.sentAt, filters.dates.date_from, filters.dates.date_to),
      )
      .sort(byDateThenId);
    return statusOk({
      messages: pageByOffset(messages, query, 100).map((message) =>
        renderChatMessage(message, roomOf(message)),
      ),
    });
  });

  on('POST', 'send_message', ({ body }) => {
    const data = asObject(body);
    const text = data.body;
    if (typeof text !== 'string' || text.trim() === '') return statusError('body: Field may not be empty.');
    if (text.length > CHAT_BODY_MAX_LENGTH)
      return statusError(`body: Longer than maximum length ${CHAT_BODY_MAX_LENGTH}.`);
    // room_ident wins over user_id.
    const room =
      typeof data.room_ident === 'string'
        ? state.rooms.get(data.room_ident)
        : [...state.rooms.values()].find((candidate) => candidate.userId === String(data.user_id));
    if (!room) return statusError('Room not found');
    const message = state.addChatMessage({ roomIdent: room.ident, body: text, isSender: true });
    return behaviour.chatSendMessageId === 'top'
      ? json({ status: 'ok', message_id: message.id })
      : statusOk({ message_id: message.id });
  });

  on('POST', 'mark_message_read', ({ body }) => {
    const { message_id: messageId, room_id: roomId } = asObject(body);
    const message = isInt(messageId) ? state.chatMessages.get(messageId) : undefined;
    const room = message ? roomOf(message) : undefined;
    if (!room || (roomId !== room.uuid && roomId !== room.id)) return statusError('No such room_id');
    // Reading a message reads everything the buyer sent before it in that room.
    for (const other of state.chatMessages.values()) {
      if (other.roomIdent === room.ident && !other.isSender && other.id <= (messageId as number))
        other.status = 'read';
    }
    return statusOk();
  });
}

function renderLegacy(message: FakeLegacyMessage, behaviour: FakePromBehaviour) {
  return {
    id: message.id,
    date_created: formatResponseDate(message.createdAt, behaviour.responseDates),
    client_full_name: message.client_full_name,
    phone: message.phone,
    message: message.message,
    subject: message.subject,
    status: message.status,
    product_id: message.product_id,
  };
}

export function registerLegacyMessageRoutes(
  router: FakeRouter,
  state: FakePromState,
  behaviour: FakePromBehaviour,
) {
  router.on('GET', `${API_PREFIX}/messages/list`, ({ query }) => {
    const status = query.get('status');
    if (status !== null && !LEGACY_STATUSES.has(status)) return error200(`Invalid status value: ${status}`);
    const filters = readDateFilters(query, ['date_from', 'date_to'], behaviour);
    if (filters.kind === 'empty') return json({ messages: [] });
    if (filters.kind === 'invalid') return error200(`Invalid date format: ${filters.name}`);
    const matching = [...state.legacyMessages.values()].filter(
      (message) =>
        (status === null || message.status === status) &&
        within(message.createdAt, filters.dates.date_from, filters.dates.date_to),
    );
    const page = pageByLastId(matching, (message) => message.id, query, behaviour);
    return json({ messages: page.map((message) => renderLegacy(message, behaviour)) });
  });

  router.on('POST', `${API_PREFIX}/messages/set_status`, ({ body }) => {
    const { status, ids } = asObject(body);
    if (typeof status !== 'string' || !LEGACY_STATUSES.has(status))
      return error200('This status value is not allowed');
    if (!Array.isArray(ids) || !ids.every(isInt))
      return fieldErrors({ ids: ['Missing data for required field.'] });
    const processed: number[] = [];
    for (const id of ids) {
      const message = state.legacyMessages.get(id);
      if (!message || message.status === status) continue;
      message.status = status as FakeLegacyMessage['status'];
      processed.push(id);
    }
    return json({ processed_ids: processed });
  });

  router.on('POST', `${API_PREFIX}/messages/reply`, ({ body }) => {
    const { id, message: text } = asObject(body);
    const message = isInt(id) ? state.legacyMessages.get(id) : undefined;
    if (!message) return error200('Incorrect message id');
    if (typeof text !== 'string' || text.trim() === '')
      return fieldErrors({ message: ['Field may not be empty.'] });
    message.replies.push(text);
    message.status = 'read';
    return json(
      behaviour.legacyReplyKey === 'processed_id'
        ? { processed_id: message.id }
        : { processed_ids: [message.id] },
    );
  });
}
