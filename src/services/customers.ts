import type { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { Buyer } from '#src/marketplaces/port.js';
import { isDuplicateKey } from '#src/db/errors.js';

const digitsOnly = (phone: string) => phone.replace(/\D/g, '').replace(/^0/, '380');

/** O7: phone first, then e-mail, then name; null when the buyer left nothing to match on. */
export function customerMatchKey(buyer: Buyer): string | null {
  if (buyer.phone && digitsOnly(buyer.phone).length >= 9) return `phone:${digitsOnly(buyer.phone)}`;
  if (buyer.email) return `email:${buyer.email.trim().toLowerCase()}`;
  const name = buyer.fullName.trim().toLowerCase().replace(/\s+/g, ' ');
  return name ? `name:${name}` : null;
}

/** Links the order to its customer and recounts that customer's orders (idempotent). */
export async function linkCustomer(
  models: Models,
  orderId: Types.ObjectId,
  buyer: Buyer,
): Promise<Types.ObjectId | null> {
  const matchKey = customerMatchKey(buyer);
  if (!matchKey) return null;
  const upsert = () =>
    models.customers.findOneAndUpdate(
      { matchKey },
      {
        $set: {
          name: buyer.fullName,
          ...(buyer.phone ? { phone: buyer.phone } : {}),
          ...(buyer.email ? { email: buyer.email } : {}),
        },
        $setOnInsert: { matchKey },
      },
      { upsert: true, returnDocument: 'after' },
    );
  const customer = await upsert().catch((error: unknown) => {
    if (isDuplicateKey(error)) return upsert();
    throw error;
  });
  if (!customer) return null;
  await models.orders.updateOne({ _id: orderId }, { $set: { customerId: customer._id } });
  const orders = await models.orders.find({ customerId: customer._id }).select({ totalKop: 1 }).lean();
  await models.customers.updateOne(
    { _id: customer._id },
    { $set: { orderCount: orders.length, totalKop: orders.reduce((sum, o) => sum + o.totalKop, 0) } },
  );
  return customer._id;
}
