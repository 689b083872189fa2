import type { Models } from '#src/db/models/index.js';
import type { UserRole } from '#src/db/models/user.js';
import type { QuietWindow } from '#src/services/quiet-hours.js';
import { editSerially } from '#src/services/serial-edit.js';

/**
 * S5: the admin's view of the team. Admins named in the environment stay admins whatever
 * is stored, so they are not offered for editing; nobody removes themselves.
 */
export function createTeamService(models: Models, adminIds: readonly number[]) {
  const editable = (telegramId: number, actorId: number) =>
    !adminIds.includes(telegramId) && telegramId !== actorId;

  async function member(telegramId: number) {
    return models.users.findOne({ telegramId, active: true }).lean();
  }

  return {
    isFromEnvironment: (telegramId: number) => adminIds.includes(telegramId),
    editable,
    list: () => models.users.find({ active: true }).sort({ role: 1, name: 1 }).lean(),
    member,

    /** null when the member cannot be changed by this admin */
    async setRole(telegramId: number, actorId: number, role: UserRole) {
      if (!editable(telegramId, actorId) || !(await member(telegramId))) return null;
      // an admin reaches every store, as one made by ADMIN_IDS, an invite or the owner link does
      const scope = role === 'admin' ? { allStores: true, storeIds: [] } : {};
      await models.users.updateOne({ telegramId }, { $set: { role, ...scope } });
      return member(telegramId);
    },

    /**
     * `storeId` null switches "every store" on or off (off leaves the listed stores). One store
     * is added or pulled by itself, so two admins changing different stores both keep theirs.
     */
    async toggleStore(telegramId: number, actorId: number, storeId: string | null) {
      if (!editable(telegramId, actorId)) return null;
      if (storeId !== null && !(await models.stores.exists({ _id: storeId }))) return null;
      return editSerially(models, `user:${telegramId}`, async () => {
        const current = await member(telegramId);
        if (!current) return null;
        const update =
          storeId === null
            ? { $set: { allStores: !current.allStores } }
            : current.allStores
              ? { $set: { allStores: false, storeIds: [storeId] } }
              : current.storeIds.includes(storeId)
                ? { $pull: { storeIds: storeId } }
                : { $addToSet: { storeIds: storeId } };
        await models.users.updateOne({ telegramId }, update);
        return member(telegramId);
      });
    },

    /** removal keeps the record (audit lines name them) but closes the bot to them */
    async deactivate(telegramId: number, actorId: number): Promise<boolean> {
      if (!editable(telegramId, actorId)) return false;
      const result = await models.users.updateOne({ telegramId, active: true }, { $set: { active: false } });
      return result.modifiedCount > 0;
    },

    /** S7: the quiet hours of a member's own private chat */
    async setQuietHours(telegramId: number, window: QuietWindow | null): Promise<void> {
      await models.users.updateOne(
        { telegramId },
        { $set: { quietFrom: window?.from ?? null, quietTo: window?.to ?? null } },
      );
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
