import type { ConversationFlavor } from '@grammyjs/conversations';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { Config } from '#src/config/index.js';
import type { UserDoc } from '#src/db/models/user.js';
import type { RequestBackfill } from '#src/jobs/order-backfill.js';
import type { Logger } from '#src/logger.js';
import type { CardRenderContext } from '#src/notify/order-card-view.js';
import type { Services } from '#src/services/index.js';

export type AppUser = UserDoc & { _id: unknown };

interface Extras {
  config: Config;
  logger: Logger;
  services: Services;
  cards: CardRenderContext;
  requestBackfill: RequestBackfill;
  /** the team member behind this update; null for strangers */
  appUser: AppUser | null;
}

export type BaseContext = Context & Extras & I18nFlavor;
export type BotContext = ConversationFlavor<BaseContext>;
