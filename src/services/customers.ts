import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import { findEach } from '#src/db/find-each.js';
import { insertNew } from '#src/db/insert-new.js';
import type { Buyer, Order } from '#src/marketplaces/port.js';

const digitsOnly = (phone: string) => phone.replace(/\D/g, '').replace(/^0/, '380');

/** O7: phone first, then e-mail, then name; null when the buyer left nothing to match on. */
export function customerMatchKey(buyer: Buyer): string | null {
  if (buyer.phone && digitsOnly(buyer.phone).length >= 9) return `phone:${digitsOnly(buyer.phone)}`;
  if (buyer.email) return `email:${buyer.email.trim().toLowerCase()}`;
  const name = buyer.fullName.trim().toLowerCase().replace(/\s+/g, ' ');
  return name ? `name:${name}` : null;
}

/** what a customer keeps of the latest order's buyer */
const contactOf = (buyer: Buyer) => ({
  name: buyer.fullName,
  ...(buyer.phone ? { phone: buyer.phone } : {}),
  ...(buyer.email ? { email: buyer.email } : {}),
});

type Contact = ReturnType<typeof contactOf>;

interface PageBuyer {
  contact: Contact;
  orderCount: number;
  totalKop: number;
}

export interface PageCustomers {
  /** customer id by match key */
  ids: Map<string, Types.ObjectId>;
  /** customers who were there before the page: recounted once its orders are stored */
  returning: Map<string, { id: Types.ObjectId; contact: Contact }>;
}

const idsOf = (models: Models, keys: string[]) =>
  findEach<{ _id: Types.ObjectId; matchKey: string }>(models.customers, 'matchKey', keys, { matchKey: 1 });

/**
 * O7: the customers of a page of new orders, in one insert and a read per returning buyer: a
 * new buyer's customer is created with the page's orders already counted; a returning one (the
 * insert refuses their key) is recounted by `recountCustomers` once the orders are stored.
 */
export async function customersFor(
  models: Models,
  orders: Pick<Order, 'buyer' | 'totalKop'>[],
): Promise<PageCustomers> {
  const page = new Map<string, PageBuyer>();
  for (const { buyer, totalKop } of orders) {
    const key = customerMatchKey(buyer);
    if (!key) continue;
    const seen = page.get(key);
    // the last order of a buyer in the page has the freshest details
    page.set(key, {
      contact: contactOf(buyer),
      orderCount: (seen?.orderCount ?? 0) + 1,
      totalKop: (seen?.totalKop ?? 0) + totalKop,
    });
  }
  const customers: PageCustomers = { ids: new Map(), returning: new Map() };
  if (page.size === 0) return customers;
  const created = await insertNew<{ _id: Types.ObjectId; matchKey: string }>(
    models.customers,
    [...page].map(([matchKey, buyer]) => ({
      matchKey,
      ...buyer.contact,
      orderCount: buyer.orderCount,
      totalKop: buyer.totalKop,
    })),
  );
  for (const { _id, matchKey } of created) customers.ids.set(matchKey, _id);
  // refused: there before the page, or created a moment ago by another writer
  const known = [...page.keys()].filter((key) => !customers.ids.has(key));
  for (const { _id, matchKey } of await idsOf(models, known)) {
    customers.ids.set(matchKey, _id);
    customers.returning.set(matchKey, { id: _id, contact: page.get(matchKey)!.contact });
  }
  return customers;
}

/** O7: the order count and total of returning customers, from their stored orders */
export async function recountCustomers(models: Models, customers: PageCustomers): Promise<void> {
  const returning = [...customers.returning.values()];
  if (returning.length === 0) return;
  const orders = await findEach<{ customerId: Types.ObjectId; totalKop: number }>(
    models.orders,
    'customerId',
    returning.map(({ id }) => id),
    { customerId: 1, totalKop: 1 },
  );
  for (const { id, contact } of returning) {
    const own = orders.filter((order) => order.customerId.equals(id));
    await models.customers.updateOne(
      { _id: id },
      {
        $set: {
          ...contact,
          orderCount: own.length,
          totalKop: own.reduce((sum, order) => sum + order.totalKop, 0),
        },
      },
    );
  }
}
