import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { Buyer } from '#src/marketplaces/port.js';
import { insertNew } from '#src/db/insert-new.js';

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

interface StoredCustomer {
  _id: Types.ObjectId;
  matchKey: string;
  name: string;
  phone?: string | null;
  email?: string | null;
}

const findByKeys = (models: Models, keys: string[]) =>
  models.customers
    .find({ matchKey: { $in: keys } })
    .select({ matchKey: 1, name: 1, phone: 1, email: 1 })
    .lean<StoredCustomer[]>();

/**
 * O7: the customer of each buyer by match key, created when new, for a whole page of orders:
 * one read and one insert (a second writer inserting the same buyer first costs one more
 * read); a known customer whose contact details changed is updated on its own.
 */
export async function customersFor(models: Models, buyers: Buyer[]): Promise<Map<string, Types.ObjectId>> {
  // the last order of a buyer in the page is the freshest
  const latest = new Map<string, Buyer>();
  for (const buyer of buyers) {
    const key = customerMatchKey(buyer);
    if (key) latest.set(key, buyer);
  }
  const ids = new Map<string, Types.ObjectId>();
  if (latest.size === 0) return ids;
  const known = await findByKeys(models, [...latest.keys()]);
  for (const customer of known) {
    ids.set(customer.matchKey, customer._id);
    const contact = contactOf(latest.get(customer.matchKey)!);
    const changed = Object.entries(contact).some(
      ([field, value]) => customer[field as keyof typeof contact] !== value,
    );
    if (changed) await models.customers.updateOne({ _id: customer._id }, { $set: contact });
  }
  const missing = [...latest].filter(([key]) => !ids.has(key));
  if (missing.length === 0) return ids;
  const inserted = await insertNew<StoredCustomer>(
    models.customers,
    missing.map(([matchKey, buyer]) => ({ matchKey, ...contactOf(buyer) })),
  );
  for (const customer of inserted) ids.set(customer.matchKey, customer._id);
  const takenMeanwhile = missing.map(([key]) => key).filter((key) => !ids.has(key));
  if (takenMeanwhile.length > 0)
    for (const customer of await findByKeys(models, takenMeanwhile)) ids.set(customer.matchKey, customer._id);
  return ids;
}

/** O7: how many orders a customer placed and their total, counted from the orders themselves */
export async function customerTotals(
  models: Models,
  customerId: Types.ObjectId,
): Promise<{ orderCount: number; totalKop: number }> {
  const orders = await models.orders.find({ customerId }).select({ totalKop: 1 }).lean();
  return { orderCount: orders.length, totalKop: orders.reduce((sum, order) => sum + order.totalKop, 0) };
}
