import type { Locale } from '#src/config/locales.js';
import type { Models } from '#src/db/models/index.js';
import type { UserDoc } from '#src/db/models/user.js';
import { isDuplicateKey } from '#src/db/errors.js';

export interface TelegramProfile {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

type TeamMember = UserDoc & { _id: unknown };

const displayName = (profile: TelegramProfile) =>
  [profile.first_name, profile.last_name].filter(Boolean).join(' ');

export function createUserService(models: Models, adminIds: readonly number[]) {
  return {
    /**
     * The team member behind a Telegram user, or null for a stranger. Admins named in the
     * environment get their record on first contact; one taken out of it is a manager of no
     * store from their next update on, until an admin gives them stores.
     */
    async findTeamMember(profile: TelegramProfile): Promise<TeamMember | null> {
      const member = await models.users.findOne({ telegramId: profile.id }).lean<TeamMember>();
      if (!adminIds.includes(profile.id)) {
        if (member?.adminFromEnvironment) {
          const demoted = { role: 'manager', adminFromEnvironment: false, allStores: false, storeIds: [] };
          await models.users.updateOne(
            { telegramId: profile.id, adminFromEnvironment: true },
            { $set: demoted },
          );
          return models.users.findOne({ telegramId: profile.id, active: true }).lean<TeamMember>();
        }
        return member?.active ? member : null;
      }
      const admin = {
        role: 'admin' as const,
        active: true,
        adminFromEnvironment: true,
        allStores: true,
        name: displayName(profile),
        username: profile.username ?? null,
      };
      const upToDate =
        member && Object.entries(admin).every(([key, value]) => member[key as keyof typeof admin] === value);
      if (upToDate) return member;
      if (member) {
        await models.users.updateOne({ telegramId: profile.id }, { $set: admin });
      } else {
        // created, not upserted, so every default of the schema is in place
        await models.users.create({ telegramId: profile.id, ...admin }).catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        });
      }
      return models.users.findOne({ telegramId: profile.id }).lean<TeamMember>();
    },

    async setLocale(telegramId: number, locale: Locale): Promise<void> {
      await models.users.updateOne({ telegramId }, { $set: { locale } });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
