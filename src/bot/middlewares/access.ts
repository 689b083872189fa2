import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '#src/bot/context.js';

/** Installed before i18n, so the member's language is known when texts are chosen. */
export const loadTeamMember: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.from && !ctx.from.is_bot) {
    ctx.appUser = await ctx.services.users.findTeamMember(ctx.from);
  }
  return next();
};

/**
 * Everyone who is not on the team gets one polite line and nothing else; in groups
 * strangers are ignored so the bot never talks over a chat it merely sits in.
 */
export const refuseStrangers: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.appUser) return next();
  ctx.logger.info({ from: ctx.from?.id }, 'refused a stranger');
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: ctx.t('access-refused'), show_alert: true });
  } else if (ctx.chat?.type === 'private' && ctx.message) {
    // S5: before anyone is admin, whoever writes may be the owner looking for the way in
    const noAdmin = !(await ctx.services.owner.hasAdmin());
    await ctx.reply(
      noAdmin ? ctx.t('owner-no-admin-yet', { id: String(ctx.from?.id ?? '') }) : ctx.t('access-refused'),
    );
  }
};

/**
 * Admin features that work in a group too (registering the group, the status that alerts link
 * to): anyone else's tap or command is refused and changes nothing.
 */
export const adminsInAnyChat: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.appUser?.role === 'admin') return next();
  ctx.logger.warn({ from: ctx.from?.id }, 'refused an admin action to a non-admin');
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: ctx.t('access-admins-only'), show_alert: true });
  } else {
    await ctx.reply(ctx.t('access-admins-only'));
  }
};

/**
 * Credentials, the team and the stores' settings are handled in a private chat only: in a group
 * everyone would read the token an admin pastes and the menus an admin opens.
 */
export const privateChatOnly: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.chat?.type === 'private') return next();
  ctx.logger.info({ from: ctx.from?.id, chat: ctx.chat?.id }, 'refused an admin flow outside a private chat');
  const text = ctx.t('access-private-only', { bot: ctx.me.username });
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text);
};

/** Admin features: admins only, and in a private chat only. */
export const adminsOnly: MiddlewareFn<BotContext> = async (ctx, next) => {
  await adminsInAnyChat(ctx, async () => {
    await privateChatOnly(ctx, next);
  });
};
