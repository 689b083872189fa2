import type { Models } from '#src/db/models/index.js';
import { isDuplicateKey } from '#src/db/errors.js';

/**
 * Telegram's 403 answers that mean nothing can reach the chat until its user (or group) comes
 * back: retrying them only piles up refusals. Other 403s (missing rights) are left to the caller.
 */
const UNREACHABLE =
  /bot was blocked by the user|user is deactivated|bot was kicked from|bot is not a member/i;

export const chatIsUnreachable = (errorCode: number, description: string) =>
  errorCode === 403 && UNREACHABLE.test(description);

/** Marks the chat blocked; true only for the call that marked it (an upsert, so repeats are no-ops). */
export async function markChatBlocked(models: Models, chatId: number, reason: string): Promise<boolean> {
  try {
    const written = await models.blockedChats.updateOne(
      { chatId },
      { $setOnInsert: { chatId, reason, since: new Date() } },
      { upsert: true },
    );
    return written.upsertedCount > 0;
  } catch (error) {
    // another worker marked it at the same moment
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export async function isChatBlocked(models: Models, chatId: number): Promise<boolean> {
  return (await models.blockedChats.exists({ chatId })) !== null;
}

/** Anything from the chat means it reaches the bot again; true when it was marked. */
export async function forgetBlockedChat(models: Models, chatId: number): Promise<boolean> {
  return (await models.blockedChats.deleteOne({ chatId })).deletedCount > 0;
}

export const countBlockedChats = (models: Models) => models.blockedChats.countDocuments();

export function createBlockedChats(models: Models) {
  return {
    forget: (chatId: number) => forgetBlockedChat(models, chatId),
    count: () => countBlockedChats(models),
  };
}
