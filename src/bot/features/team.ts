import { Composer, InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { answerGone, onAdminCallback, showMenu } from '#src/bot/admin-callbacks.js';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { adminsOnly } from '#src/bot/middlewares/access.js';
import { describeWindow, QUIET_PRESETS } from '#src/bot/quiet-presets.js';
import { userRoles, type UserDoc } from '#src/db/models/user.js';
import { escapeHtml } from '#src/notify/cards/format.js';
import { quietWindowOf } from '#src/services/quiet-hours.js';
import { scopeOf, type StoreScope } from '#src/services/store-scope.js';

const telegramId = z.coerce.number().int().positive();
const objectIdOrAll = z.union([z.string().regex(/^[a-f\d]{24}$/), z.literal('all')]);
const listMembers = defineCallback('ul', z.object({}));
const showMember = defineCallback('us', z.object({ telegramId }));
const setRole = defineCallback('ur', z.object({ telegramId, role: z.enum(userRoles) }));
const memberStores = defineCallback('uss', z.object({ telegramId }));
const toggleStore = defineCallback('ust', z.object({ telegramId, storeId: objectIdOrAll }));
const askRemove = defineCallback('urm', z.object({ telegramId }));
const confirmRemove = defineCallback('urc', z.object({ telegramId }));
const setOwnQuiet = defineCallback(
  'qh',
  z.object({
    preset: z.coerce
      .number()
      .int()
      .min(0)
      .max(QUIET_PRESETS.length - 1),
  }),
);

type Member = UserDoc & { _id: unknown };

/** S5 `/users`: list, change role, limit to stores, remove. */
export const teamFeature = new Composer<BotContext>();

const nameOf = (member: Member) =>
  member.name || (member.username ? `@${member.username}` : String(member.telegramId));

async function listView(ctx: BotContext) {
  const members = await ctx.services.team.list();
  const keyboard = new InlineKeyboard();
  for (const member of members) {
    const icon = member.role === 'admin' ? '👑' : '👤';
    keyboard.text(`${icon} ${nameOf(member)}`, showMember.pack({ telegramId: member.telegramId })).row();
  }
  return { text: ctx.t('team-list', { count: members.length }), keyboard };
}

async function storeNames(ctx: BotContext, { allStores, storeIds }: StoreScope) {
  if (allStores) return ctx.t('team-all-stores');
  if (storeIds.length === 0) return ctx.t('team-no-stores');
  const stores = await ctx.services.destinations.allStores();
  return stores
    .filter((store) => storeIds.includes(String(store._id)))
    .map((store) => store.name)
    .join(', ');
}

async function memberView(ctx: BotContext, member: Member) {
  const adminId = ctx.from?.id ?? 0;
  const text = ctx.t('team-member', {
    name: escapeHtml(nameOf(member)),
    role: ctx.t(`team-role-${member.role}`),
    stores: escapeHtml(await storeNames(ctx, scopeOf(member))),
  });
  const keyboard = new InlineKeyboard();
  const { team } = ctx.services;
  if (team.isFromEnvironment(member.telegramId)) {
    return {
      text: `${text}\n${ctx.t('team-from-environment')}`,
      keyboard: keyboard.text(ctx.t('admin-back'), listMembers.pack({})),
    };
  }
  if (team.editable(member.telegramId, adminId)) {
    const other = member.role === 'admin' ? 'manager' : 'admin';
    keyboard
      .text(ctx.t(`team-make-${other}`), setRole.pack({ telegramId: member.telegramId, role: other }))
      .row()
      .text(ctx.t('team-stores'), memberStores.pack({ telegramId: member.telegramId }))
      .row()
      .text(ctx.t('team-remove'), askRemove.pack({ telegramId: member.telegramId }))
      .row();
  }
  keyboard.text(ctx.t('admin-back'), listMembers.pack({}));
  return { text, keyboard };
}

async function storesView(ctx: BotContext, member: Member) {
  const keyboard = new InlineKeyboard();
  const all = member.allStores;
  keyboard
    .text(
      `${all ? '✅' : '▫️'} ${ctx.t('team-all-stores')}`,
      toggleStore.pack({ telegramId: member.telegramId, storeId: 'all' }),
    )
    .row();
  for (const store of await ctx.services.destinations.allStores()) {
    const storeId = String(store._id);
    const mark = !all && member.storeIds.includes(storeId) ? '✅' : '▫️';
    keyboard
      .text(`${mark} ${store.name}`, toggleStore.pack({ telegramId: member.telegramId, storeId }))
      .row();
  }
  keyboard.text(ctx.t('admin-back'), showMember.pack({ telegramId: member.telegramId }));
  return { text: ctx.t('team-stores-choose', { name: escapeHtml(nameOf(member)) }), keyboard };
}

teamFeature.command('users', adminsOnly, async (ctx) => {
  const view = await listView(ctx);
  await ctx.reply(view.text, { parse_mode: 'HTML', reply_markup: view.keyboard });
});

onAdminCallback(teamFeature, listMembers, async (ctx) => {
  const view = await listView(ctx);
  await ctx.answerCallbackQuery();
  await showMenu(ctx, view.text, view.keyboard);
});

onAdminCallback(teamFeature, showMember, async (ctx, { telegramId }) => {
  const member = await ctx.services.team.member(telegramId);
  if (!member) return answerGone(ctx);
  const view = await memberView(ctx, member);
  await ctx.answerCallbackQuery();
  await showMenu(ctx, view.text, view.keyboard);
});

onAdminCallback(teamFeature, setRole, async (ctx, { telegramId, role }) => {
  const member = await ctx.services.team.setRole(telegramId, ctx.from.id, role);
  if (!member) return answerGone(ctx);
  ctx.logger.info({ user: telegramId, role, by: ctx.from.id }, 'role changed');
  const view = await memberView(ctx, member);
  await ctx.answerCallbackQuery({ text: ctx.t('admin-saved') });
  await showMenu(ctx, view.text, view.keyboard);
});

onAdminCallback(teamFeature, memberStores, async (ctx, { telegramId }) => {
  const member = await ctx.services.team.member(telegramId);
  if (!member || !ctx.services.team.editable(telegramId, ctx.from.id)) return answerGone(ctx);
  const view = await storesView(ctx, member);
  await ctx.answerCallbackQuery();
  await showMenu(ctx, view.text, view.keyboard);
});

onAdminCallback(teamFeature, toggleStore, async (ctx, { telegramId, storeId }) => {
  const member = await ctx.services.team.toggleStore(
    telegramId,
    ctx.from.id,
    storeId === 'all' ? null : storeId,
  );
  if (!member) return answerGone(ctx);
  const view = await storesView(ctx, member);
  await ctx.answerCallbackQuery({ text: ctx.t('admin-saved') });
  await showMenu(ctx, view.text, view.keyboard);
});

onAdminCallback(teamFeature, askRemove, async (ctx, { telegramId }) => {
  const member = await ctx.services.team.member(telegramId);
  if (!member || !ctx.services.team.editable(telegramId, ctx.from.id)) return answerGone(ctx);
  await ctx.answerCallbackQuery();
  await showMenu(
    ctx,
    ctx.t('team-remove-confirm', { name: escapeHtml(nameOf(member)) }),
    new InlineKeyboard()
      .text(ctx.t('team-remove-yes'), confirmRemove.pack({ telegramId }))
      .text(ctx.t('admin-back'), showMember.pack({ telegramId })),
  );
});

onAdminCallback(teamFeature, confirmRemove, async (ctx, { telegramId }) => {
  const removed = await ctx.services.team.deactivate(telegramId, ctx.from.id);
  if (!removed) return answerGone(ctx);
  ctx.logger.info({ user: telegramId, by: ctx.from.id }, 'member removed');
  const view = await listView(ctx);
  await ctx.answerCallbackQuery({ text: ctx.t('team-removed') });
  await showMenu(ctx, view.text, view.keyboard);
});

/** S7 `/quiet`: every member sets the quiet hours of their own private chat. */
export const quietFeature = new Composer<BotContext>();

function quietKeyboard(ctx: BotContext) {
  const keyboard = new InlineKeyboard();
  QUIET_PRESETS.forEach((window, preset) => {
    keyboard.text(describeWindow(window, ctx.t('quiet-off')), setOwnQuiet.pack({ preset }));
    if (preset % 3 === 2) keyboard.row();
  });
  return keyboard;
}

quietFeature.chatType('private').command('quiet', async (ctx) => {
  const current = ctx.appUser ? quietWindowOf(ctx.appUser) : null;
  await ctx.reply(
    ctx.t('quiet-choose', { current: describeWindow(current, ctx.t('quiet-off')), tz: ctx.config.timezone }),
    {
      reply_markup: quietKeyboard(ctx),
    },
  );
});

quietFeature.callbackQuery(setOwnQuiet.filter, async (ctx, next) => {
  const data = setOwnQuiet.unpack(ctx.callbackQuery.data);
  if (!data || !ctx.appUser) return next();
  const window = QUIET_PRESETS[data.preset] ?? null;
  await ctx.services.team.setQuietHours(ctx.appUser.telegramId, window);
  await ctx.answerCallbackQuery({ text: ctx.t('admin-saved') });
  await showMenu(
    ctx,
    ctx.t('quiet-set', { window: describeWindow(window, ctx.t('quiet-off')) }),
    new InlineKeyboard(),
  );
});
