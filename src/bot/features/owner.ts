import { Composer } from 'grammy';
import type { BotContext } from '#src/bot/context.js';
import { isOwnerCode } from '#src/services/owner.js';

/**
 * S5 `/start <owner code>`, the link a bot without an admin logs at start: installed before the
 * stranger refusal, it answers only messages that carry an owner code.
 */
export const ownerClaim = new Composer<BotContext>();

ownerClaim.chatType('private').command('start', async (ctx, next) => {
  const code = ctx.match.trim();
  if (!isOwnerCode(code)) return next();
  const result = await ctx.services.owner.claim(code, ctx.from);
  if (result.ok) {
    ctx.logger.info({ user: ctx.from.id }, 'the owner link was used: this user is the admin now');
    await ctx.reply(ctx.t('owner-welcome', { name: ctx.from.first_name }));
    return;
  }
  // a team member who taps an old link gets the usual welcome
  if (ctx.appUser) return next();
  ctx.logger.info({ user: ctx.from.id, reason: result.reason }, 'owner link refused');
  await ctx.reply(ctx.t(`owner-link-${result.reason}`));
});
