import { Composer } from 'grammy';
import { ADMIN_COMMANDS, TEAM_COMMANDS } from '#src/bot/commands.js';
import type { BotContext } from '#src/bot/context.js';
import { escapeHtml } from '#src/notify/cards/format.js';

export const startFeature = new Composer<BotContext>();

startFeature.command('start', async (ctx) => {
  await ctx.reply(ctx.t('start-welcome', { name: ctx.from?.first_name ?? '' }));
});

/** every command of the member's role, described as in the command menu */
startFeature.command('help', async (ctx) => {
  const line = (command: string) => `/${command} — ${escapeHtml(ctx.t(`cmd-${command}`))}`;
  const lines = [`<b>${ctx.t('help-heading')}</b>`, ...TEAM_COMMANDS.map(line), ctx.t('help-cards')];
  if (ctx.appUser?.role === 'admin') {
    lines.push('', `<b>${ctx.t('help-admins')}</b>`, ...ADMIN_COMMANDS.map(line));
  }
  await ctx.reply(lines.join('\n'), { parse_mode: 'HTML' });
});
