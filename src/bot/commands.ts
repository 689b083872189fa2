import type { Api, MiddlewareFn } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import type { AppI18n } from '#src/bot/i18n.js';
import { supportedLocales } from '#src/config/locales.js';
import type { UserRole } from '#src/db/models/user.js';

/** what every team member may use, in menu order */
export const TEAM_COMMANDS = [
  'start',
  'help',
  'order',
  'orders',
  'report',
  'stats',
  'quiet',
  'language',
  'cancel',
] as const;
/** what admins may use besides */
export const ADMIN_COMMANDS = [
  'stores',
  'connect',
  'status',
  'products',
  'backfill',
  'users',
  'invite',
  'routing',
  'here',
] as const;

/** the commands of a role: its command menu and its /help list the same ones */
export const commandsOf = (role: UserRole): readonly string[] =>
  role === 'admin' ? [...TEAM_COMMANDS, ...ADMIN_COMMANDS] : TEAM_COMMANDS;

const menuOf = (i18n: AppI18n, locale: string, commands: readonly string[]) =>
  commands.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }));

/**
 * The menu of anyone without one of their own (strangers, members not seen since the start):
 * the team's commands in every language; the default list is in the default locale.
 */
export async function publishCommands(api: Api, i18n: AppI18n, defaultLocale: string): Promise<void> {
  await api.setMyCommands(menuOf(i18n, defaultLocale, TEAM_COMMANDS));
  for (const locale of supportedLocales) {
    await api.setMyCommands(menuOf(i18n, locale, TEAM_COMMANDS), { language_code: locale });
  }
}

/**
 * A member's private chat gets the menu of their role in their language (a `chat` scope), on
 * their first update after a start and again whenever their role or language changed, so an
 * admin's menu holds the admin commands and a manager's does not. Not awaited: a slow answer
 * from Telegram must not hold up the reply.
 */
export function keepMemberMenus(i18n: AppI18n): MiddlewareFn<BotContext> {
  const published = new Map<number, string>();
  return async (ctx, next) => {
    const member = ctx.appUser;
    if (member && ctx.from && ctx.chat?.type === 'private') {
      const userId = ctx.from.id;
      const locale = member.locale ?? ctx.config.defaultLocale;
      const menu = `${member.role}:${locale}`;
      if (published.get(userId) !== menu) {
        published.set(userId, menu);
        ctx.api
          .setMyCommands(menuOf(i18n, locale, commandsOf(member.role)), {
            scope: { type: 'chat', chat_id: userId },
          })
          .catch((error: unknown) => {
            published.delete(userId);
            ctx.logger.warn({ err: error }, 'could not set the command menu of a member');
          });
      }
    }
    return next();
  };
}
