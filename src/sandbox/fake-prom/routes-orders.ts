import type { FakeRouter } from '#src/sandbox/http-server.js';
import type { FakePromBehaviour } from '#src/sandbox/fake-prom/behaviour.js';
import { CANCEL_REASONS, STATUS_NAMES } from '#src/sandbox/fake-prom/catalog.js';
import {
  API_PREFIX,
  asObject,
  error200,
  fieldErrors,
  htmlNotFound,
  isInt,
  json,
  pageByLastId,
  readDateFilters,
  statusError,
  statusOk,
  within,
} from '#src/sandbox/fake-prom/http.js';
import type { FakePromState } from '#src/sandbox/fake-prom/state.js';
import type { FakeOrder } from '#src/sandbox/fake-prom/types.js';

const READABLE_STATUS = /^(pending|received|delivered|canceled|draft|paid|custom-\d+)$/;
const SET_STATUS_FIELDS = new Set([
  'ids',
  'status',
  'cancellation_reason',
  'cancellation_text',
  'custom_status_id',
]);
const NOT_ALLOWED = 'This status value is not allowed';

/** Where an order may go next; moving to the same or an earlier stage is a silent no-op. */
const NEXT_STATUSES: Record<string, string[]> = {
  draft: ['pending', 'received', 'canceled'],
  pending: ['received', 'paid', 'delivered', 'canceled'],
  paid: ['received', 'delivered', 'canceled'],
  received: ['paid', 'delivered', 'canceled'],
  delivered: [],
  canceled: [],
};
const nextStatuses = (status: string) =>
  NEXT_STATUSES[status] ??
  (status.startsWith('custom-') ? ['received', 'paid', 'delivered', 'canceled'] : []);

const DECLARATION_FORMATS: Record<string, RegExp> = {
  nova_poshta: /^(20|59)\d{12}$/,
  ukrposhta: /^\d{13}$|^[A-Z]{2}\d{9}[A-Z]{2}$/,
  justin: /^\d{8,14}$/,
  delivery_auto: /^\d{8,14}$/,
  meest: /^[A-Z0-9]{8,20}$/,
};

export function registerOrderRoutes(router: FakeRouter, state: FakePromState, behaviour: FakePromBehaviour) {
  const render = (order: FakeOrder) => state.renderOrder(order, behaviour.responseDates);

  router.on('GET', `${API_PREFIX}/orders/list`, ({ query }) => {
    const status = query.get('status');
    if (status !== null && !READABLE_STATUS.test(status)) return error200(`Invalid status value: ${status}`);
    const filters = readDateFilters(
      query,
      ['date_from', 'date_to', 'last_modified_from', 'last_modified_to'],
      behaviour,
    );
    if (filters.kind === 'empty') return json({ orders: [] });
    if (filters.kind === 'invalid') return error200(`Invalid date format: ${filters.name}`);
    const { dates } = filters;
    const matching = [...state.orders.values()].filter(
      (order) =>
        (status === null || order.json.status === status) &&
        within(order.createdAt, dates.date_from, dates.date_to) &&
        within(order.modifiedAt, dates.last_modified_from, dates.last_modified_to),
    );
    const page = pageByLastId(matching, (order) => order.json.id, query, behaviour);
    return json({ orders: page.map(render) });
  });

  router.on('GET', `${API_PREFIX}/orders/:id`, ({ params }) => {
    if (!/^\d+$/.test(params.id ?? '')) return htmlNotFound();
    const order = state.orders.get(Number(params.id));
    if (order) return json({ order: render(order) });
    return behaviour.unknownOrder === 'http404'
      ? json({ error: 'Order not found' }, 404)
      : error200('Order not found');
  });

  router.on('POST', `${API_PREFIX}/orders/set_status`, ({ body }) => {
    const data = asObject(body);
    const unknown = Object.keys(data).filter((key) => !SET_STATUS_FIELDS.has(key));
    if (unknown.length > 0)
      return fieldErrors(Object.fromEntries(unknown.map((key) => [key, ['Unknown field.']])));
    const { ids, status, cancellation_reason: reason, cancellation_text: text } = data;
    if (!Array.isArray(ids) || !ids.every(isInt))
      return fieldErrors({ ids: ['Missing data for required field.'] });
    if (typeof status !== 'string' || !behaviour.writableStatuses.includes(status))
      return error200(NOT_ALLOWED);
    const cancelReason = typeof reason === 'string' ? CANCEL_REASONS[reason] : undefined;
    if (status === 'canceled') {
      // Live: canceled without a reason is answered exactly like an unknown status.
      if (reason === undefined) return error200(NOT_ALLOWED);
      if (!cancelReason) {
        return fieldErrors({
          cancellation_reason: [`Must be one of: ${Object.keys(CANCEL_REASONS).join(', ')}.`],
        });
      }
      if (cancelReason.needsText && (typeof text !== 'string' || text.trim() === '')) {
        return fieldErrors({ cancellation_text: ['Missing data for required field.'] });
      }
    }
    const processed: number[] = [];
    for (const id of ids) {
      const order = state.orders.get(id);
      if (!order || !nextStatuses(order.json.status).includes(status)) continue;
      state.updateOrder(id, {
        status,
        status_name: STATUS_NAMES[status] ?? status,
        ...(status === 'canceled'
          ? { cancellation: { title: cancelReason?.title ?? '', initiator: 'seller' } }
          : {}),
      });
      processed.push(id);
    }
    return json({ processed_ids: processed });
  });

  router.on('POST', `${API_PREFIX}/delivery/save_declaration_id`, ({ body }) => {
    const { order_id: orderId, declaration_id: rawDeclaration, delivery_type: deliveryType } = asObject(body);
    const order = isInt(orderId) ? state.orders.get(orderId) : undefined;
    if (!order) return statusError('Заказ не найден');
    const format = typeof deliveryType === 'string' ? DECLARATION_FORMATS[deliveryType] : undefined;
    if (!format) return statusError('Неизвестный тип доставки');
    const declaration = typeof rawDeclaration === 'number' ? String(rawDeclaration) : rawDeclaration;
    if (typeof declaration !== 'string' || !format.test(declaration)) {
      return statusError('Некорректный номер ЭН');
    }
    const providerData = order.json.delivery_provider_data;
    // any second waybill, the same or another, is refused this way (prom-api.md Corrections 2)
    if (providerData?.declaration_number) {
      return statusError('Этот ЭН уже добавлен к данному заказу');
    }
    state.updateOrder(order.json.id, {
      delivery_provider_data: {
        provider: deliveryType as string,
        type: 'W2W',
        sender_warehouse_id: null,
        recipient_warehouse_id: null,
        ...providerData,
        declaration_number: declaration,
      },
    });
    return statusOk();
  });
}
