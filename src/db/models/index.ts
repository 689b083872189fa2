import type { Connection } from 'mongoose';
import {
  buyerMessageSchema,
  messageCardSchema,
  messageThreadSchema,
  replyDraftSchema,
  sentReplySchema,
} from '#src/db/models/buyer-message.js';
import { blockedChatSchema } from '#src/db/models/blocked-chat.js';
import { cardSchema } from '#src/db/models/card.js';
import { conversationStateSchema } from '#src/db/models/conversation-state.js';
import { customerSchema } from '#src/db/models/customer.js';
import { dayStampSchema, daySummarySchema } from '#src/db/models/day-summary.js';
import { leaseSchema } from '#src/db/models/lease.js';
import { inviteAttemptSchema, inviteClaimSchema, inviteSchema } from '#src/db/models/invite.js';
import { orderSchema, statusChangeSchema } from '#src/db/models/order.js';
import { orderDaySchema } from '#src/db/models/order-day.js';
import { migrationSchema } from '#src/db/models/migration.js';
import { ownerClaimSchema, ownerCodeSchema } from '#src/db/models/owner-code.js';
import { outboxSchema } from '#src/db/models/outbox.js';
import { secretInputSchema } from '#src/db/models/secret-input.js';
import { shopSettingsSchema } from '#src/db/models/shop-settings.js';
import { productSchema } from '#src/db/models/product.js';
import { storeSchema } from '#src/db/models/store.js';
import { storeMappingSchema } from '#src/db/models/store-mapping.js';
import { storeAlertSchema } from '#src/db/models/store-alert.js';
import { telegramUpdateSchema } from '#src/db/models/telegram-update.js';
import { syncLogSchema } from '#src/db/models/sync-log.js';
import { userSchema } from '#src/db/models/user.js';

function createModels(connection: Connection) {
  return {
    users: connection.model('User', userSchema),
    conversationStates: connection.model('ConversationState', conversationStateSchema),
    stores: connection.model('Store', storeSchema),
    orders: connection.model('Order', orderSchema),
    leases: connection.model('Lease', leaseSchema),
    statusChanges: connection.model('StatusChange', statusChangeSchema),
    orderDays: connection.model('OrderDay', orderDaySchema),
    dayStamps: connection.model('DayStamp', dayStampSchema),
    daySummaries: connection.model('DaySummary', daySummarySchema),
    customers: connection.model('Customer', customerSchema),
    cards: connection.model('Card', cardSchema),
    outbox: connection.model('Outbox', outboxSchema),
    operationLog: connection.model('OperationLog', syncLogSchema),
    shopSettings: connection.model('ShopSettings', shopSettingsSchema),
    storeMappings: connection.model('StoreMapping', storeMappingSchema),
    secretInputs: connection.model('SecretInput', secretInputSchema),
    messageThreads: connection.model('MessageThread', messageThreadSchema),
    buyerMessages: connection.model('BuyerMessage', buyerMessageSchema),
    messageCards: connection.model('MessageCard', messageCardSchema),
    replyDrafts: connection.model('ReplyDraft', replyDraftSchema),
    sentReplies: connection.model('SentReply', sentReplySchema),
    invites: connection.model('Invite', inviteSchema),
    inviteClaims: connection.model('InviteClaim', inviteClaimSchema),
    inviteAttempts: connection.model('InviteAttempt', inviteAttemptSchema),
    storeAlerts: connection.model('StoreAlert', storeAlertSchema),
    products: connection.model('Product', productSchema),
    telegramUpdates: connection.model('TelegramUpdate', telegramUpdateSchema),
    ownerCodes: connection.model('OwnerCode', ownerCodeSchema),
    ownerClaims: connection.model('OwnerClaim', ownerClaimSchema),
    blockedChats: connection.model('BlockedChat', blockedChatSchema),
    migrations: connection.model('Migration', migrationSchema),
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
