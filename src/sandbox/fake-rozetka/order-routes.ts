import {
  DUPLICATE_STATUS_ID,
  ROZETKA_STATUSES,
  TTN_STATUS_IDS,
  statusGroupOf,
  statusLabel,
} from '#src/marketplaces/rozetka/statuses.js';
import type { FakeRouter } from '#src/sandbox/http-server.js';
import { authed, type AuthedHandler } from '#src/sandbox/fake-rozetka/auth-routes.js';
import { CITIES, DELIVERY_SERVICES, PAYMENT_METHODS } from '#src/sandbox/fake-rozetka/fixtures.js';
import { kopiykyOf, money } from '#src/sandbox/fake-rozetka/generators.js';
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
import type { FakeRozetkaState, StoredOrder } from '#src/sandbox/fake-rozetka/state.js';
import { STATUS_AVAILABLES, allowedMoves, isAllowedMove } from '#src/sandbox/fake-rozetka/transitions.js';
import { STORED_EXPANDS } from '#src/sandbox/fake-rozetka/types.js';

const CONFIRMED_STATUS = 2;
const AWAITING_CARRIER_STATUS = 61;
/** `types` filter: 1 all, 2 processing, 3 success, 4 new, 5 delivering, 6 unsuccessful (spec §3.1) */
const DELIVERING_STATUSES = new Set([3, 4, 5, 61, 63, 64, 65, 66, 67]);

function statusData(id: number) {
  const label = statusLabel(id);
  return {
    id,
    name: label,
    name_uk: label,
    name_en: label,
    status_group: statusGroupOf(id) ?? 1,
    status: 1,
    color: '#FFAB00',
  };
}

/** The order as the API returns it: base fields plus only the extras `expand` asked for. */
export function orderJson(stored: StoredOrder, expands: Set<string>): Record<string, unknown> {
  const { order } = stored;
  const json: Record<string, unknown> = { ...order };
  for (const name of STORED_EXPANDS) if (!expands.has(name)) delete json[name];
  if (expands.has('status_data')) json.status_data = statusData(order.status);
  if (expands.has('status_available'))
    json.status_available = allowedMoves(order.status, stored.deliveryType);
  if (expands.has('status_available_detailed')) {
    json.status_available_detailed = allowedMoves(order.status, stored.deliveryType).map((move) => ({
      parent_id: move.parent_id,
      child_id: move.child_id,
      delivery_type: move.delivery_type,
      name: statusLabel(move.child_id),
      front_group: statusGroupOf(move.child_id) ?? 1,
    }));
  }
  if (expands.has('order_status_history')) {
    json.order_status_history = stored.history.map((entry) => ({
      ...entry,
      status: statusData(entry.status_id),
    }));
  }
  return json;
}

/**
 * The group filters of `/orders/search`. `types`: 1 all, 2 processing, 3 success, 4 new,
 * 5 delivering, 6 unsuccessful; `type` (presumably `status_group`, UNCONFIRMED). Without either
 * the live API returns only orders in processing (spec §0.1).
 */
function matchesTypes(stored: StoredOrder, types: string | null, type: string | null = null): boolean {
  const { status, status_group: group } = stored.order;
  if (types === null && type !== null) return String(group) === type;
  switch (types) {
    case '1':
      return true;
    case '3':
      return group === 2;
    case '4':
      return status === 1;
    case '5':
      return DELIVERING_STATUSES.has(status);
    case '6':
      return group === 3;
    default:
      return group === 1;
  }
}

export function registerOrderRoutes(router: FakeRouter, state: FakeRozetkaState): void {
  const { settings } = state;
  // every order call needs the "Orders" section of the token's role
  const withOrders = (handler: AuthedHandler) => authed(state, handler, 'order_edit');

  router.on(
    'GET',
    '/orders/search',
    withOrders(({ query }) => {
      const ids = query.get('id');
      const statuses = query.get('status')?.split(',').map(Number);
      const changed = timeRange(query, 'changed');
      const created = timeRange(query, 'created');
      const matching = [...state.orders.values()].filter(
        (stored) =>
          (!ids || String(stored.order.id) === ids) &&
          (!statuses || statuses.includes(stored.order.status)) &&
          matchesTypes(stored, query.get('types'), query.get('type')) &&
          inRange(stored.order.changed, changed) &&
          inRange(stored.order.created, created),
      );
      const sorted = sortRows(
        matching,
        query.get('sort'),
        {
          id: (stored) => stored.order.id,
          created: (stored) => stored.order.created,
          changed: (stored) => stored.order.changed,
        },
        '-id',
      );
      const { rows, _meta } = pageOf(sorted, query, settings.perPage, settings.pageMeta);
      const expands = expandsOf(query);
      const sum = (field: 'amount' | 'amount_with_discount' | 'cost' | 'cost_with_discount') =>
        money(matching.reduce((total, stored) => total + kopiykyOf(stored.order[field]), 0));
      return ok({
        orders: rows.map((stored) => orderJson(stored, expands)),
        _meta,
        totalFields: {
          amount: sum('amount'),
          amount_with_discount: sum('amount_with_discount'),
          cost: sum('cost'),
          cost_with_discount: sum('cost_with_discount'),
        },
      });
    }),
  );

  router.on(
    'GET',
    '/orders/search-data',
    withOrders(() =>
      ok({
        search_delivers: [...new Map(DELIVERY_SERVICES.map((service) => [service.id, service])).values()].map(
          (service) => ({ id: service.id, name: service.name }),
        ),
        search_status: [...ROZETKA_STATUSES].map(([id, { label }]) => ({ id, name: label })),
        search_localities: CITIES.map((city) => ({ id: city.id, name: city.title })),
        search_payment_methods: PAYMENT_METHODS.map((method) => ({ id: method.id, name: method.name })),
      }),
    ),
  );

  router.on(
    'GET',
    '/orders/counts-new',
    withOrders(() => {
      const all = [...state.orders.values()];
      const count = (types: string) => all.filter((stored) => matchesTypes(stored, types)).length;
      return ok({
        inProgress: count('2'),
        inDone: count('3'),
        inNotDone: count('6'),
        new: count('4'),
        delivering: count('5'),
        unwatched: all.filter((stored) => !stored.order.is_viewed).length,
        all: all.length,
      });
    }),
  );

  router.on(
    'GET',
    '/orders/:id',
    withOrders(({ params, query }) => {
      const stored = state.orders.get(Number(params.id));
      if (!stored) return fail(settings, ERRORS.notFound(`Замовлення ${params.id}`));
      return ok(orderJson(stored, expandsOf(query)));
    }),
  );

  router.on(
    'PUT',
    '/orders/:id',
    withOrders(({ params, query, body }) => {
      const stored = state.orders.get(Number(params.id));
      if (!stored) return fail(settings, ERRORS.notFound(`Замовлення ${params.id}`));
      const fields = bodyFields(body);
      const requested = integerOf(fields.status);
      if (requested === null) return fail(settings, ERRORS.requiredParameter('status', 'Не вказано статус'));
      const ttn = typeof fields.ttn === 'string' && fields.ttn.trim() ? fields.ttn.trim() : null;
      const comment = typeof fields.seller_comment === 'string' ? fields.seller_comment.trim() : '';
      const current = stored.order.status;
      // a TTN sent with status 2 moves the order on to 61 (spec §4.4)
      const target = requested === CONFIRMED_STATUS && ttn ? AWAITING_CARRIER_STATUS : requested;
      if (requested !== current && !isAllowedMove(current, requested, stored.deliveryType)) {
        return fail(
          settings,
          ERRORS.nextStatusUnavailable(
            `Зміна статусу «${statusLabel(current)}» на «${statusLabel(requested)}» недоступна`,
          ),
        );
      }
      if (TTN_STATUS_IDS.has(target) && !ttn && !(target === current && stored.order.ttn)) {
        return fail(
          settings,
          ERRORS.requiredParameter('ttn', `Для статусу «${statusLabel(target)}» потрібна ТТН`),
        );
      }
      const duplicateOf = integerOf(fields.duplicate_order_id);
      if (target === DUPLICATE_STATUS_ID && duplicateOf === null) {
        return fail(
          settings,
          ERRORS.requiredParameter('duplicate_order_id', 'Вкажіть номер замовлення, яке дублюється'),
        );
      }
      const now = state.nowText();
      state.updateOrder(stored.order.id, {
        status: target,
        ...(ttn ? { ttn } : {}),
        ...(target === DUPLICATE_STATUS_ID ? { duplicate_order_id: duplicateOf } : {}),
        ...(comment
          ? {
              seller_comment: [...stored.order.seller_comment, { comment, created: now }],
              current_seller_comment: comment,
              seller_comment_created: now,
            }
          : {}),
      });
      return ok(orderJson(stored, expandsOf(query)));
    }),
  );

  router.on(
    'GET',
    '/order-statuses/search',
    withOrders(({ query }) => {
      const group = query.get('status_group');
      const id = query.get('id');
      const statuses = [...ROZETKA_STATUSES]
        .filter(
          ([statusId, info]) => (!id || String(statusId) === id) && (!group || String(info.group) === group),
        )
        .map(([statusId]) => statusData(statusId));
      const { rows, _meta } = pageOf(statuses, query, settings.perPage, settings.pageMeta);
      return ok({ orderStatus: rows, _meta });
    }),
  );

  router.on(
    'GET',
    '/status-availables/search',
    withOrders(({ query }) => {
      const filter = (name: string, value: number) => {
        const wanted = query.get(name);
        return !wanted || String(value) === wanted;
      };
      const moves = STATUS_AVAILABLES.filter(
        (move) =>
          filter('parent_id', move.parent_id) &&
          filter('child_id', move.child_id) &&
          filter('delivery_type', move.delivery_type),
      );
      const { rows, _meta } = pageOf(moves, query, settings.perPage, settings.pageMeta);
      return ok({ statusAvailables: rows, _meta });
    }),
  );
}
