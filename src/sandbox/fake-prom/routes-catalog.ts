import type { FakeRouter } from '#src/sandbox/http-server.js';
import type { FakePromBehaviour } from '#src/sandbox/fake-prom/behaviour.js';
import {
  CUSTOM_STATUS,
  DELIVERY_CHOICES,
  PAYMENT_CHOICES,
  ROOT_GROUP_ID,
  STATUS_NAMES,
} from '#src/sandbox/fake-prom/catalog.js';
import { formatResponseDate } from '#src/sandbox/fake-prom/format.js';
import {
  API_PREFIX,
  error200,
  json,
  pageByLastId,
  readDateFilters,
  readInt,
  within,
} from '#src/sandbox/fake-prom/http.js';
import type { FakePromState } from '#src/sandbox/fake-prom/state.js';

export function registerCatalogRoutes(
  router: FakeRouter,
  state: FakePromState,
  behaviour: FakePromBehaviour,
) {
  router.on('GET', `${API_PREFIX}/products/list`, ({ query }) => {
    const filters = readDateFilters(query, ['last_modified_from', 'last_modified_to'], behaviour);
    if (filters.kind === 'empty') return json({ products: [], group_id: null });
    if (filters.kind === 'invalid') return error200(`Invalid date format: ${filters.name}`);
    const requestedGroup = readInt(query, 'group_id');
    const groupId =
      requestedGroup === null && behaviour.productsWithoutGroup === 'root_group'
        ? ROOT_GROUP_ID
        : requestedGroup;
    const matching = [...state.products.values()].filter(
      (product) =>
        (groupId === null || product.json.group.id === groupId) &&
        within(product.modifiedAt, filters.dates.last_modified_from, filters.dates.last_modified_to),
    );
    const page = pageByLastId(matching, (product) => product.json.id, query, behaviour);
    return json({
      products: page.map((product) => ({
        ...product.json,
        date_modified: formatResponseDate(product.modifiedAt, behaviour.responseDates),
      })),
      group_id: groupId,
    });
  });

  // the seller's groups of the products there are, without the root group (spec §6.4)
  router.on('GET', `${API_PREFIX}/groups/list`, ({ query }) => {
    const groups = new Map<number, string>();
    for (const { json: product } of state.products.values()) {
      if (product.group.id !== ROOT_GROUP_ID) groups.set(product.group.id, product.group.name);
    }
    const page = pageByLastId([...groups], ([id]) => id, query, behaviour);
    return json({
      groups: page.map(([id, name]) => ({
        id,
        name,
        name_multilang: { uk: name, ru: name },
        description: null,
        description_multilang: null,
        image: null,
        parent_group_id: ROOT_GROUP_ID,
      })),
    });
  });

  router.on('GET', `${API_PREFIX}/order_status_options/list`, () =>
    json({
      order_status_options: [
        ...Object.entries(STATUS_NAMES).map(([name, title]) => ({ name, title })),
        CUSTOM_STATUS,
      ],
    }),
  );

  router.on('GET', `${API_PREFIX}/payment_options/list`, () =>
    json({ payment_options: PAYMENT_CHOICES.map(({ id, name }) => ({ id, name, description: null })) }),
  );

  router.on('GET', `${API_PREFIX}/delivery_options/list`, () =>
    json({
      delivery_options: DELIVERY_CHOICES.map(({ id, name, provider }) => ({
        id,
        name,
        comment: null,
        enabled: true,
        type: provider ?? 'other',
      })),
    }),
  );
}
