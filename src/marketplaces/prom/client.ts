import type { HttpClient } from '#src/marketplaces/http.js';
import { formatPromDate } from '#src/marketplaces/prom/dates.js';
import { requireList, throwIfRefused } from '#src/marketplaces/prom/refusals.js';
import {
  chatHistoryResponseSchema,
  chatSendResponseSchema,
  chatStatusResponseSchema,
  deliveryOptionsResponseSchema,
  groupListResponseSchema,
  legacyMessageListResponseSchema,
  orderListResponseSchema,
  orderResponseSchema,
  paymentOptionsResponseSchema,
  processedResponseSchema,
  productListResponseSchema,
  statusOptionsResponseSchema,
  statusResponseSchema,
  type PromOrder,
} from '#src/marketplaces/prom/schemas.js';
import { MarketplaceError } from '#src/marketplaces/errors.js';

/** Largest page Prom serves for orders, products, legacy messages and chat history. */
const PROM_PAGE_LIMIT = 100;
/** `project` of chat calls: the Prom.ua portal (Bigl rooms are not served). */
const CHAT_PROJECT = 'promua';

interface OrderPageQuery {
  modifiedFrom: Date;
  lastId: number | null;
}

interface SetStatusBody {
  ids: number[];
  status: string;
  cancellation_reason?: string;
  cancellation_text?: string;
}

interface SaveDeclarationBody {
  order_id: number;
  declaration_id: string;
  delivery_type: string;
}

const withLastId = (lastId: number | null) => (lastId === null ? {} : { last_id: lastId });
const withDateFrom = (dateFrom: Date | null) => (dateFrom ? { date_from: formatPromDate(dateFrom) } : {});

/**
 * One method per Prom endpoint, raw shapes in and out. Calls whose answer has one meaning throw the
 * refusal their 200 body carries; set_status, TTN and legacy-message writes return the body, because
 * what counts as success differs per write.
 */
export function createPromClient(http: HttpClient) {
  return {
    async listOrders(query: OrderPageQuery): Promise<unknown[]> {
      const body = await http.requestJson(
        {
          url: '/orders/list',
          params: {
            last_modified_from: formatPromDate(query.modifiedFrom),
            limit: PROM_PAGE_LIMIT,
            sort_dir: 'desc',
            ...withLastId(query.lastId),
          },
        },
        orderListResponseSchema,
      );
      return requireList(body.orders, body, 'list orders');
    },

    /** Cheapest call that needs a valid token with Orders rights. */
    async probeOrders(): Promise<void> {
      const body = await http.requestJson(
        { url: '/orders/list', params: { limit: 1 } },
        orderListResponseSchema,
      );
      requireList(body.orders, body, 'list orders');
    },

    async getOrder(id: number): Promise<PromOrder> {
      const body = await http.requestJson({ url: `/orders/${id}` }, orderResponseSchema);
      throwIfRefused(body, `read order ${id}`);
      if (!body.order) throw new MarketplaceError('not_found', `Prom has no order ${id}`);
      return body.order;
    },

    setStatus(data: SetStatusBody) {
      return http.requestJson(
        { method: 'POST', url: '/orders/set_status', data, idempotent: true },
        processedResponseSchema,
      );
    },

    saveDeclaration(data: SaveDeclarationBody) {
      return http.requestJson(
        { method: 'POST', url: '/delivery/save_declaration_id', data, idempotent: true },
        statusResponseSchema,
      );
    },

    async listChatMessages(query: { dateFrom: Date | null; offset: number }) {
      const body = await http.requestJson(
        {
          url: '/chat/messages_history',
          background: true,
          params: {
            status: 'new',
            project: CHAT_PROJECT,
            sort: 'asc',
            limit: PROM_PAGE_LIMIT,
            offset: query.offset,
            ...withDateFrom(query.dateFrom),
          },
        },
        chatHistoryResponseSchema,
      );
      throwIfRefused(body, 'list chat messages');
      return body.data?.messages ?? [];
    },

    /** Not idempotent: repeating it after a timeout could answer the buyer twice. */
    async sendChatMessage(roomIdent: string, text: string): Promise<void> {
      const body = await http.requestJson(
        {
          method: 'POST',
          url: '/chat/send_message',
          data: { room_ident: roomIdent, body: text, project: CHAT_PROJECT },
        },
        chatSendResponseSchema,
      );
      throwIfRefused(body, 'send the chat message');
    },

    async markChatMessageRead(messageId: number, roomId: string): Promise<void> {
      const body = await http.requestJson(
        {
          method: 'POST',
          url: '/chat/mark_message_read',
          data: { message_id: messageId, room_id: roomId },
          idempotent: true,
        },
        chatStatusResponseSchema,
      );
      throwIfRefused(body, 'mark the chat message read');
    },

    async listLegacyMessages(query: { dateFrom: Date | null; lastId: number | null }) {
      const body = await http.requestJson(
        {
          url: '/messages/list',
          background: true,
          params: {
            status: 'unread',
            limit: PROM_PAGE_LIMIT,
            ...withLastId(query.lastId),
            ...withDateFrom(query.dateFrom),
          },
        },
        legacyMessageListResponseSchema,
      );
      return requireList(body.messages, body, 'list messages');
    },

    replyLegacyMessage(id: number, text: string) {
      return http.requestJson(
        { method: 'POST', url: '/messages/reply', data: { id, message: text } },
        processedResponseSchema,
      );
    },

    markLegacyMessageRead(id: number) {
      return http.requestJson(
        {
          method: 'POST',
          url: '/messages/set_status',
          data: { status: 'read', ids: [id] },
          idempotent: true,
        },
        processedResponseSchema,
      );
    },

    /** one page of the plain list (`groupId` null) or of one group */
    async listProducts(lastId: number | null, groupId: number | null = null) {
      const body = await http.requestJson(
        {
          url: '/products/list',
          background: true,
          params: {
            limit: PROM_PAGE_LIMIT,
            ...withLastId(lastId),
            ...(groupId === null ? {} : { group_id: groupId }),
          },
        },
        productListResponseSchema,
      );
      return requireList(body.products, body, 'list products');
    },

    async listGroups(lastId: number | null) {
      const body = await http.requestJson(
        { url: '/groups/list', params: { limit: PROM_PAGE_LIMIT, ...withLastId(lastId) } },
        groupListResponseSchema,
      );
      return requireList(body.groups, body, 'list product groups');
    },

    async listStatusOptions() {
      const body = await http.requestJson({ url: '/order_status_options/list' }, statusOptionsResponseSchema);
      return requireList(body.order_status_options, body, 'list order statuses');
    },

    async listPaymentOptions() {
      const body = await http.requestJson({ url: '/payment_options/list' }, paymentOptionsResponseSchema);
      return requireList(body.payment_options, body, 'list payment options');
    },

    async listDeliveryOptions() {
      const body = await http.requestJson({ url: '/delivery_options/list' }, deliveryOptionsResponseSchema);
      return requireList(body.delivery_options, body, 'list delivery options');
    },
  };
}
