import { Composer, InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { answerGone, localeOf, onAdminCallback, showMenu } from '#src/bot/admin-callbacks.js';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { adminsOnly } from '#src/bot/middlewares/access.js';
import { userRoles } from '#src/db/models/user.js';
import { escapeHtml, formatDateTime } from '#src/notify/cards/format.js';

const objectId = z.string().regex(/^[a-f\d]{24}$/);
const chooseRole = defineCallback('ivr', z.object({ inviteId: objectId, role: z.enum(userRoles) }));
const toggleStore = defineCallback('ivs', z.object({ inviteId: objectId, storeId: objectId }));
const finish = defineCallback('ivd', z.object({ inviteId: objectId, all: z.enum(['0', '1']) }));

type Draft = {
  _id: unknown;
  role: string;
  allStores: boolean;
  storeIds: string[];
  code: string;
  expiresAt: Date;
};

/**
 * `/start <code>` for people who are not on the team yet: installed before the stranger
 * refusal, it answers only messages that carry a code.
 */
export const inviteRedemption = new Composer<BotContext>();

inviteRedemption.chatType('private').command('start', async (ctx, next) => {
  const code = ctx.match.trim();
  if (!code) return next();
  const result = await ctx.services.invites.redeem(code, ctx.from);
  if (result.ok) {
    ctx.logger.info({ user: ctx.from.id, role: result.role }, 'invite redeemed');
    await ctx.reply(
      ctx.t('invite-welcome', { name: ctx.from.first_name, role: ctx.t(`team-role-${result.role}`) }),
    );
    return;
  }
  if (result.reason === 'member') return next();
  ctx.logger.info({ user: ctx.from.id, reason: result.reason }, 'invite refused');
  await ctx.reply(ctx.t(`invite-refused-${result.reason.replace('_', '-')}`));
});

/** S5 `/invite`: role, then stores (or all), then a one-time link. */
export const invitesFeature = new Composer<BotContext>();

async function storesKeyboard(ctx: BotContext, draft: Draft) {
  const inviteId = String(draft._id);
  const keyboard = new InlineKeyboard();
  for (const store of await ctx.services.destinations.allStores()) {
    const storeId = String(store._id);
    const mark = draft.storeIds.includes(storeId) ? '✅' : '▫️';
    keyboard.text(`${mark} ${store.name}`, toggleStore.pack({ inviteId, storeId })).row();
  }
  keyboard.text(ctx.t('invite-all-stores'), finish.pack({ inviteId, all: '1' }));
  if (draft.storeIds.length > 0)
    keyboard.text(ctx.t('invite-create-link'), finish.pack({ inviteId, all: '0' }));
  return keyboard;
}

invitesFeature.command('invite', adminsOnly, async (ctx) => {
  const draft = await ctx.services.invites.startDraft(ctx.from?.id ?? 0);
  const inviteId = String(draft._id);
  const keyboard = new InlineKeyboard()
    .text(ctx.t('team-role-manager'), chooseRole.pack({ inviteId, role: 'manager' }))
    .text(ctx.t('team-role-admin'), chooseRole.pack({ inviteId, role: 'admin' }));
  await ctx.reply(ctx.t('invite-choose-role'), { reply_markup: keyboard });
});

async function showLink(ctx: BotContext, invite: Draft) {
  const names = (await ctx.services.destinations.allStores())
    .filter((store) => invite.storeIds.includes(String(store._id)))
    .map((store) => store.name);
  const link = `https://t.me/${ctx.me.username}?start=${invite.code}`;
  await showMenu(
    ctx,
    ctx.t('invite-link', {
      role: ctx.t(`team-role-${invite.role}`),
      stores: invite.allStores ? ctx.t('team-all-stores') : escapeHtml(names.join(', ')),
      until: formatDateTime(invite.expiresAt, ctx.config.timezone, localeOf(ctx)),
      link,
    }),
    new InlineKeyboard(),
  );
}

onAdminCallback(invitesFeature, chooseRole, async (ctx, { inviteId, role }) => {
  const draft = await ctx.services.invites.setRole(inviteId, ctx.from.id, role);
  if (!draft) return answerGone(ctx);
  await ctx.answerCallbackQuery();
  if (role === 'admin') {
    const ready = await ctx.services.invites.finish(inviteId, ctx.from.id, { allStores: true });
    if (ready) await showLink(ctx, ready);
    return;
  }
  await showMenu(ctx, ctx.t('invite-choose-stores'), await storesKeyboard(ctx, draft));
});

onAdminCallback(invitesFeature, toggleStore, async (ctx, { inviteId, storeId }) => {
  const draft = await ctx.services.invites.toggleStore(inviteId, ctx.from.id, storeId);
  if (!draft) return answerGone(ctx);
  await ctx.answerCallbackQuery();
  await showMenu(ctx, ctx.t('invite-choose-stores'), await storesKeyboard(ctx, draft));
});

onAdminCallback(invitesFeature, finish, async (ctx, { inviteId, all }) => {
  const ready = await ctx.services.invites.finish(inviteId, ctx.from.id, { allStores: all === '1' });
  if (!ready) return answerGone(ctx);
  await ctx.answerCallbackQuery();
  await showLink(ctx, ready);
});
