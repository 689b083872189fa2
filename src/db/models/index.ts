import type { Connection } from 'mongoose';
import { actionLockSchema } from '#src/db/models/action-lock.js';
import { cardSchema } from '#src/db/models/card.js';
import { conversationStateSchema } from '#src/db/models/conversation-state.js';
import { customerSchema } from '#src/db/models/customer.js';
import { jobClaimSchema } from '#src/db/models/job-claim.js';
import { orderSchema, statusChangeSchema } from '#src/db/models/order.js';
import { outboxSchema } from '#src/db/models/outbox.js';
import { productSchema } from '#src/db/models/product.js';
import { storeSchema } from '#src/db/models/store.js';
import { syncLogSchema } from '#src/db/models/sync-log.js';
import { userSchema } from '#src/db/models/user.js';

function createModels(connection: Connection) {
  return {
    users: connection.model('User', userSchema),
    conversationStates: connection.model('ConversationState', conversationStateSchema),
    stores: connection.model('Store', storeSchema),
    orders: connection.model('Order', orderSchema),
    actionLocks: connection.model('ActionLock', actionLockSchema),
    statusChanges: connection.model('StatusChange', statusChangeSchema),
    customers: connection.model('Customer', customerSchema),
    cards: connection.model('Card', cardSchema),
    outbox: connection.model('Outbox', outboxSchema),
    operationLog: connection.model('OperationLog', syncLogSchema),
    products: connection.model('Product', productSchema),
    jobClaims: connection.model('JobClaim', jobClaimSchema),
  };
}

export type Models = ReturnType<typeof createModels>;

const cache = new WeakMap<Connection, Models>();

/** The typed models bound to one connection (tests run one connection per file). */
export function modelsFor(connection: Connection): Models {
  let models = cache.get(connection);
  if (!models) cache.set(connection, (models = createModels(connection)));
  return models;
}
