import type { Locale } from '#src/config/locales.js';
import type { Models } from '#src/db/models/index.js';
import type { UserDoc } from '#src/db/models/user.js';

export interface TelegramProfile {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

const displayName = (profile: TelegramProfile) =>
  [profile.first_name, profile.last_name].filter(Boolean).join(' ');

export function createUserService(models: Models, adminIds: readonly number[]) {
  return {
    /**
     * The team member behind a Telegram user, or null for a stranger. Admins named in the
     * environment get their record on first contact.
     */
    async findTeamMember(profile: TelegramProfile) {
      if (adminIds.includes(profile.id)) {
        await models.users.updateOne(
          { telegramId: profile.id },
          {
            $set: {
              role: 'admin',
              active: true,
              name: displayName(profile),
              username: profile.username ?? null,
            },
            $setOnInsert: { telegramId: profile.id },
          },
          { upsert: true },
        );
      }
      return models.users
        .findOne({ telegramId: profile.id, active: true })
        .lean<UserDoc & { _id: unknown }>();
    },

    async setLocale(telegramId: number, locale: Locale): Promise<void> {
      await models.users.updateOne({ telegramId }, { $set: { locale } });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
