import type { Connection } from 'mongoose';
import { conversationStateSchema } from '#src/db/models/conversation-state.js';
import { userSchema } from '#src/db/models/user.js';

function createModels(connection: Connection) {
  return {
    users: connection.model('User', userSchema),
    conversationStates: connection.model('ConversationState', conversationStateSchema),
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
