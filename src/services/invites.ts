import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Models } from '#src/db/models/index.js';
import type { UserRole } from '#src/db/models/user.js';
import type { TelegramProfile } from '#src/services/users.js';
import { isDuplicateKey } from '#src/db/errors.js';
import { editSerially } from '#src/services/serial-edit.js';

export const INVITE_LIFETIME_MS = 24 * 60 * 60_000;
/** S5: failed redemptions a Telegram user may make per hour before codes are not even looked at */
export const MAX_FAILED_REDEMPTIONS = 5;
const ATTEMPT_WINDOW_MS = 60 * 60_000;

export type RedeemResult =
  | { ok: true; role: UserRole }
  | { ok: false; reason: 'member' | 'rate_limited' | 'invalid' | 'expired' | 'used' };

const displayName = (profile: TelegramProfile) =>
  [profile.first_name, profile.last_name].filter(Boolean).join(' ');

export function createInviteService(models: Models, adminIds: readonly number[]) {
  const draftOf = (inviteId: string, adminId: number) =>
    Types.ObjectId.isValid(inviteId)
      ? models.invites.findOne({ _id: inviteId, createdBy: adminId, state: 'draft' }).lean()
      : Promise.resolve(null);

  async function failedAttempt(telegramId: number, reason: Exclude<RedeemResult, { ok: true }>['reason']) {
    const now = Date.now();
    await models.inviteAttempts.create({ telegramId, at: new Date(now) });
    await models.inviteAttempts.deleteMany({ telegramId, at: { $lt: new Date(now - ATTEMPT_WINDOW_MS) } });
    return { ok: false as const, reason };
  }

  return {
    /** A draft the admin completes with role and stores; its code works only once ready. */
    async startDraft(adminId: number, now = new Date()) {
      return models.invites.create({
        code: randomBytes(12).toString('base64url'),
        createdBy: adminId,
        expiresAt: new Date(now.getTime() + INVITE_LIFETIME_MS),
      });
    },

    async setRole(inviteId: string, adminId: number, role: UserRole) {
      const draft = await draftOf(inviteId, adminId);
      if (!draft) return null;
      await models.invites.updateOne({ _id: draft._id }, { $set: { role } });
      return { ...draft, role };
    },

    /** toggles one store in the draft; null when the draft or the store does not exist */
    async toggleStore(inviteId: string, adminId: number, storeId: string) {
      if (!Types.ObjectId.isValid(storeId) || !(await models.stores.exists({ _id: storeId }))) return null;
      return editSerially(models, `invite:${inviteId}`, async () => {
        const draft = await draftOf(inviteId, adminId);
        if (!draft) return null;
        await models.invites.updateOne(
          { _id: draft._id },
          draft.storeIds.includes(storeId)
            ? { $pull: { storeIds: storeId } }
            : { $addToSet: { storeIds: storeId } },
        );
        return draftOf(inviteId, adminId);
      });
    },

    /** makes the code redeemable for every store, or for the listed ones only */
    async finish(inviteId: string, adminId: number, options: { allStores: boolean }) {
      const draft = await draftOf(inviteId, adminId);
      if (!draft) return null;
      const allStores = options.allStores || draft.role === 'admin';
      const scope = allStores ? { allStores, storeIds: [] } : { allStores };
      await models.invites.updateOne({ _id: draft._id }, { $set: { state: 'ready', ...scope } });
      return { ...draft, ...scope, state: 'ready' as const };
    },

    /**
     * `/start <code>`: one-time even when two people redeem at the same instant (the claim row
     * is unique per code); every failure counts towards the guessing limit.
     */
    async redeem(code: string, profile: TelegramProfile, now = new Date()): Promise<RedeemResult> {
      const member = await models.users.findOne({ telegramId: profile.id }).lean();
      if (member?.active || adminIds.includes(profile.id)) return { ok: false, reason: 'member' };
      const failures = await models.inviteAttempts.countDocuments({
        telegramId: profile.id,
        at: { $gt: new Date(now.getTime() - ATTEMPT_WINDOW_MS) },
      });
      if (failures >= MAX_FAILED_REDEMPTIONS) return { ok: false, reason: 'rate_limited' };
      const invite = await models.invites.findOne({ code, state: 'ready' }).lean();
      if (!invite) return failedAttempt(profile.id, 'invalid');
      if (invite.redeemedAt) return failedAttempt(profile.id, 'used');
      if (invite.expiresAt.getTime() <= now.getTime()) return failedAttempt(profile.id, 'expired');
      try {
        await models.inviteClaims.create({ code, telegramId: profile.id, at: now });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return failedAttempt(profile.id, 'used');
      }
      const fields = {
        role: invite.role,
        allStores: invite.allStores,
        storeIds: invite.storeIds,
        active: true,
        name: displayName(profile),
        username: profile.username ?? null,
      };
      if (member) await models.users.updateOne({ telegramId: profile.id }, { $set: fields });
      else await models.users.create({ telegramId: profile.id, ...fields });
      await models.invites.updateOne(
        { _id: invite._id },
        { $set: { redeemedBy: profile.id, redeemedAt: now } },
      );
      return { ok: true, role: invite.role };
    },
  };
}

export type InviteService = ReturnType<typeof createInviteService>;
