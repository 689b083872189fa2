import type { Models } from '#src/db/models/index.js';

/** How many days each kind of record that grows with time is kept. */
export interface RetentionDays {
  /** operation-log rows and resolved store alerts */
  operationLog: number;
  /** outbox entries already delivered */
  settledOutbox: number;
  /** Telegram update claims, expired claims, failed invite attempts */
  claims: number;
  /** invites redeemed or expired, with their claims */
  invites: number;
  /** order status change records */
  statusHistory: number;
  /** reply drafts left neither sent nor cancelled */
  replyDrafts: number;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Bounded data: deletes what outlived its retention (FerretDB v1 has no TTL index). Only
 * records of work done go: pending outbox entries, open alerts, live claims and the shop's
 * own data (orders, customers, products, threads, messages, replies sent) are never touched.
 * Every condition is a range on an indexed field.
 */
export function createRetention(models: Models, days: RetentionDays) {
  return {
    /** one pass; the number of documents deleted per collection */
    async sweep(now = new Date()): Promise<Record<string, number>> {
      const before = (kept: number) => new Date(now.getTime() - kept * DAY_MS);
      const count = (result: { deletedCount?: number }) => result.deletedCount ?? 0;

      const operationLog = before(days.operationLog);
      const claims = before(days.claims);
      const invites = before(days.invites);
      const goneInvites = await models.invites
        .find({ $or: [{ expiresAt: { $lt: invites } }, { redeemedAt: { $lt: invites } }] })
        .select({ code: 1 })
        .lean<{ code: string }[]>();
      const goneCodes = goneInvites.map((invite) => invite.code);

      return {
        operation_log: count(await models.operationLog.deleteMany({ at: { $lt: operationLog } })),
        store_alerts: count(await models.storeAlerts.deleteMany({ resolvedAt: { $lt: operationLog } })),
        outbox: count(
          await models.outbox.deleteMany({
            pending: false,
            updatedAt: { $lt: before(days.settledOutbox) },
          }),
        ),
        telegram_updates: count(await models.telegramUpdates.deleteMany({ receivedAt: { $lt: claims } })),
        leases: count(await models.leases.deleteMany({ until: { $lt: claims } })),
        invite_attempts: count(await models.inviteAttempts.deleteMany({ at: { $lt: claims } })),
        // the claim goes with its invite, never before it: a live code stays one-time
        invite_claims: count(await models.inviteClaims.deleteMany({ code: { $in: goneCodes } })),
        invites: count(await models.invites.deleteMany({ code: { $in: goneCodes } })),
        order_status_history: count(
          await models.statusChanges.deleteMany({ at: { $lt: before(days.statusHistory) } }),
        ),
        reply_drafts: count(
          await models.replyDrafts.deleteMany({ updatedAt: { $lt: before(days.replyDrafts) } }),
        ),
      };
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
