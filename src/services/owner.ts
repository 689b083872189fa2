import { randomBytes } from 'node:crypto';
import type { Models } from '#src/db/models/index.js';
import { isDuplicateKey } from '#src/db/errors.js';
import type { TelegramProfile } from '#src/services/users.js';

/** owner codes are told apart from invitation codes by this start (t.me start parameters allow A-Z a-z 0-9 _ -) */
const OWNER_CODE_PREFIX = 'owner_';

export const isOwnerCode = (code: string) => code.startsWith(OWNER_CODE_PREFIX);

export type OwnerClaimResult = { ok: true } | { ok: false; reason: 'invalid' | 'used' };

const displayName = (profile: TelegramProfile) =>
  [profile.first_name, profile.last_name].filter(Boolean).join(' ');

/**
 * S5 owner onboarding: while the shop has no admin (none in ADMIN_IDS, none on the team), the
 * bot logs a one-time link at each start, and the first `/start` with its code makes that
 * person the admin.
 */
export function createOwnerService(models: Models, adminIds: readonly number[]) {
  const hasAdmin = async () =>
    adminIds.length > 0 || Boolean(await models.users.exists({ role: 'admin', active: true }));

  const latestCode = () => models.ownerCodes.findOne().sort({ generation: -1 }).lean();

  return {
    hasAdmin,

    /** the code of the owner link to log at start; null once the shop has an admin */
    async pendingCode(): Promise<string | null> {
      for (;;) {
        if (await hasAdmin()) return null;
        const latest = await latestCode();
        if (latest && !(await models.ownerClaims.exists({ generation: latest.generation })))
          return latest.code;
        try {
          const code = `${OWNER_CODE_PREFIX}${randomBytes(18).toString('base64url')}`;
          await models.ownerCodes.create({ generation: (latest?.generation ?? 0) + 1, code });
          return code;
        } catch (error) {
          // another process made the next code at the same moment: use that one
          if (!isDuplicateKey(error)) throw error;
        }
      }
    },

    /** `/start <owner code>`: of everyone who tries the live code, exactly one becomes the admin */
    async claim(code: string, profile: TelegramProfile, now = new Date()): Promise<OwnerClaimResult> {
      const owned = await models.ownerCodes.findOne({ code }).lean();
      if (!owned) return { ok: false, reason: 'invalid' };
      const latest = await latestCode();
      if (latest?.generation !== owned.generation || (await hasAdmin())) return { ok: false, reason: 'used' };
      try {
        await models.ownerClaims.create({ generation: owned.generation, telegramId: profile.id, at: now });
      } catch (error) {
        if (isDuplicateKey(error)) return { ok: false, reason: 'used' };
        throw error;
      }
      const admin = {
        role: 'admin' as const,
        active: true,
        allStores: true,
        storeIds: [],
        name: displayName(profile),
        username: profile.username ?? null,
      };
      const updated = await models.users.updateOne({ telegramId: profile.id }, { $set: admin });
      if (updated.matchedCount === 0) {
        // created, not upserted, so every default of the schema is in place
        await models.users.create({ telegramId: profile.id, ...admin });
      }
      return { ok: true };
    },
  };
}

export type OwnerService = ReturnType<typeof createOwnerService>;
