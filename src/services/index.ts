import type { Config } from '#src/config/index.js';
import type { Models } from '#src/db/models/index.js';
import { createUserService } from '#src/services/users.js';

/** Business rules; services know MongoDB and the marketplace port, never grammY. */
export function createServices(config: Config, models: Models) {
  return {
    users: createUserService(models, config.adminIds),
  };
}

export type Services = ReturnType<typeof createServices>;
