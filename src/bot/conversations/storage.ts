import type { ConversationData, VersionedState, VersionedStateStorage } from '@grammyjs/conversations';
import type { Models } from '#src/db/models/index.js';

/** Conversation state in MongoDB as one JSON string per chat, so it survives restarts. */
export function mongoConversationStorage(models: Models): VersionedStateStorage<string, ConversationData> {
  return {
    async read(key) {
      const doc = await models.conversationStates.findOne({ key }).lean();
      return doc ? (JSON.parse(doc.json) as VersionedState<ConversationData>) : undefined;
    },
    async write(key, state) {
      await models.conversationStates.updateOne(
        { key },
        { $set: { json: JSON.stringify(state) } },
        { upsert: true },
      );
    },
    async delete(key) {
      await models.conversationStates.deleteOne({ key });
    },
  };
}
