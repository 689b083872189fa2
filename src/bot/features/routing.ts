import { Composer, InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { answerGone, onAdminCallback, showMenu } from '#src/bot/admin-callbacks.js';
import { defineCallback } from '#src/bot/callback-data.js';
import type { BotContext } from '#src/bot/context.js';
import { adminsInAnyChat, adminsOnly } from '#src/bot/middlewares/access.js';
import { describeWindow, QUIET_PRESETS } from '#src/bot/quiet-presets.js';
import { eventKinds, type EventKind } from '#src/db/models/store.js';
import { escapeHtml, truncateForTelegram } from '#src/notify/cards/format.js';
import type { DestinationRef } from '#src/services/destinations.js';
import { quietWindowOf } from '#src/services/quiet-hours.js';
import { TEAM_CHATS } from '#src/services/routing.js';
import type { StoreRecord } from '#src/services/stores.js';

const objectId = z.string().regex(/^[a-f\d]{24}$/);
const chatId = z.coerce.number().int();
const threadId = z.coerce.number().int().min(0);
/** one letter per event kind keeps the toggle's callback data short */
const EVENT_CODES = { n: 'new_order', s: 'status_change', m: 'buyer_message', a: 'alert' } as const;
type EventCode = keyof typeof EVENT_CODES;
const codeOf = (event: EventKind) =>
  (Object.keys(EVENT_CODES) as EventCode[]).find((code) => EVENT_CODES[code] === event) ?? 'n';

const listStores = defineCallback('rl', z.object({}));
const showStore = defineCallback('rs', z.object({ storeId: objectId }));
const toggleEvent = defineCallback(
  'rt',
  z.object({ storeId: objectId, chatId, threadId, event: z.enum(['n', 's', 'm', 'a'] as const) }),
);
const removeDestination = defineCallback('rx', z.object({ storeId: objectId, chatId, threadId }));
const quietMenu = defineCallback('rq', z.object({ storeId: objectId, chatId, threadId }));
const setQuiet = defineCallback(
  'rqs',
  z.object({
    storeId: objectId,
    chatId,
    threadId,
    preset: z.coerce
      .number()
      .int()
      .min(0)
      .max(QUIET_PRESETS.length - 1),
  }),
);
const hereStore = defineCallback('hr', z.object({ storeId: objectId }));
const hereAll = defineCallback('hra', z.object({}));

/** S6 `/routing` and `/here`; S7 quiet hours per destination. */
export const routingFeature = new Composer<BotContext>();

type Destination = StoreRecord['destinations'][number];

function destinationLabel(ctx: BotContext, destination: Destination) {
  if (destination.chatId === TEAM_CHATS) return ctx.t('routing-team-chats');
  const title = escapeHtml(destination.title || String(destination.chatId));
  return destination.threadId
    ? ctx.t('routing-topic', { title, topic: destination.threadId })
    : ctx.t('routing-group', { title });
}

function storeView(ctx: BotContext, store: StoreRecord) {
  const storeId = String(store._id);
  const keyboard = new InlineKeyboard();
  const lines = [ctx.t('routing-store-title', { store: escapeHtml(store.name) })];
  if (store.destinations.length === 0) lines.push(ctx.t('routing-default'));
  store.destinations.forEach((destination, index) => {
    const ref = { storeId, chatId: destination.chatId, threadId: destination.threadId ?? 0 };
    const quiet = describeWindow(quietWindowOf(destination), ctx.t('quiet-off'));
    lines.push(
      '',
      `${index + 1}. ${destinationLabel(ctx, destination)}`,
      ctx.t('routing-quiet-line', {
        window: destination.chatId === TEAM_CHATS ? ctx.t('routing-quiet-personal') : quiet,
      }),
    );
    for (const event of eventKinds) {
      const on = destination.events.includes(event);
      keyboard.text(
        `${on ? '✅' : '▫️'} ${index + 1} ${ctx.t(`routing-event-${event.replace('_', '-')}`)}`,
        toggleEvent.pack({ ...ref, event: codeOf(event) }),
      );
      if (event === 'status_change') keyboard.row();
    }
    keyboard.row();
    if (destination.chatId !== TEAM_CHATS) keyboard.text(`🌙 ${index + 1}`, quietMenu.pack(ref));
    keyboard.text(`🗑 ${index + 1}`, removeDestination.pack(ref)).row();
  });
  lines.push('', ctx.t('routing-here-hint'));
  keyboard.text(ctx.t('admin-back'), listStores.pack({}));
  return { text: truncateForTelegram(lines.join('\n')), keyboard };
}

async function storeList(ctx: BotContext) {
  const keyboard = new InlineKeyboard();
  const stores = await ctx.services.destinations.allStores();
  for (const store of stores) keyboard.text(store.name, showStore.pack({ storeId: String(store._id) })).row();
  return { text: ctx.t(stores.length > 0 ? 'routing-choose-store' : 'admin-no-stores'), keyboard };
}

routingFeature.command('routing', adminsOnly, async (ctx) => {
  const view = await storeList(ctx);
  await ctx.reply(view.text, { parse_mode: 'HTML', reply_markup: view.keyboard });
});

onAdminCallback(routingFeature, listStores, async (ctx) => {
  const view = await storeList(ctx);
  await ctx.answerCallbackQuery();
  await showMenu(ctx, view.text, view.keyboard);
});

onAdminCallback(routingFeature, showStore, async (ctx, { storeId }) => {
  const store = await ctx.services.destinations.load(storeId);
  if (!store) return answerGone(ctx);
  const view = storeView(ctx, store);
  await ctx.answerCallbackQuery();
  await showMenu(ctx, view.text, view.keyboard);
});

async function afterEdit(ctx: BotContext, store: StoreRecord | null) {
  if (!store) return answerGone(ctx);
  const view = storeView(ctx, store);
  await ctx.answerCallbackQuery({ text: ctx.t('admin-saved') });
  await showMenu(ctx, view.text, view.keyboard);
}

const refOf = (data: DestinationRef): DestinationRef => ({ chatId: data.chatId, threadId: data.threadId });

onAdminCallback(routingFeature, toggleEvent, async (ctx, data) => {
  const event = EVENT_CODES[data.event];
  await afterEdit(ctx, await ctx.services.destinations.toggleEvent(data.storeId, refOf(data), event));
});

onAdminCallback(routingFeature, removeDestination, async (ctx, data) => {
  await afterEdit(ctx, await ctx.services.destinations.remove(data.storeId, refOf(data)));
});

onAdminCallback(routingFeature, quietMenu, async (ctx, data) => {
  const store = await ctx.services.destinations.load(data.storeId);
  const destination = store?.destinations.find(
    (d) => d.chatId === data.chatId && (d.threadId ?? 0) === data.threadId && d.chatId !== TEAM_CHATS,
  );
  if (!store || !destination) return answerGone(ctx);
  const keyboard = new InlineKeyboard();
  QUIET_PRESETS.forEach((window, preset) => {
    keyboard.text(describeWindow(window, ctx.t('quiet-off')), setQuiet.pack({ ...data, preset }));
    if (preset % 3 === 2) keyboard.row();
  });
  keyboard.row().text(ctx.t('admin-back'), showStore.pack({ storeId: data.storeId }));
  await ctx.answerCallbackQuery();
  await showMenu(
    ctx,
    ctx.t('routing-quiet-choose', {
      destination: destinationLabel(ctx, destination),
      tz: ctx.config.timezone,
    }),
    keyboard,
  );
});

onAdminCallback(routingFeature, setQuiet, async (ctx, data) => {
  if (data.chatId === TEAM_CHATS) return answerGone(ctx);
  const window = QUIET_PRESETS[data.preset] ?? null;
  await afterEdit(ctx, await ctx.services.destinations.setQuietHours(data.storeId, refOf(data), window));
});

/** the forum topic a message or a button sits in; 0 outside topics */
function topicOf(ctx: BotContext): number {
  const message = ctx.callbackQuery?.message ?? ctx.message;
  return message && 'is_topic_message' in message && message.is_topic_message
    ? (message.message_thread_id ?? 0)
    : 0;
}

async function hereKeyboard(ctx: BotContext) {
  const chat = ctx.chat?.id ?? 0;
  const topic = topicOf(ctx);
  const keyboard = new InlineKeyboard();
  for (const store of await ctx.services.destinations.allStores()) {
    const registered = store.destinations.some((d) => d.chatId === chat && (d.threadId ?? 0) === topic);
    keyboard
      .text(`${registered ? '✅' : '▫️'} ${store.name}`, hereStore.pack({ storeId: String(store._id) }))
      .row();
  }
  return keyboard.text(ctx.t('here-all-stores'), hereAll.pack({}));
}

routingFeature.command('here', adminsInAnyChat, async (ctx) => {
  if (ctx.chat.type === 'private') {
    await ctx.reply(ctx.t('here-only-groups'));
    return;
  }
  await ctx.reply(ctx.t('here-choose'), { reply_markup: await hereKeyboard(ctx) });
});

async function registerHere(ctx: BotContext, storeIds: string[]) {
  const chat = ctx.chat;
  if (!chat || chat.type === 'private') return answerGone(ctx);
  const ref = { chatId: chat.id, threadId: topicOf(ctx), title: chat.title };
  for (const storeId of storeIds) {
    const store = await ctx.services.destinations.register(storeId, ref);
    if (!store) return answerGone(ctx);
  }
  ctx.logger.info({ chat: chat.id, topic: ref.threadId, stores: storeIds }, 'destination registered');
  await ctx.answerCallbackQuery({ text: ctx.t('admin-saved') });
  await showMenu(ctx, ctx.t('here-choose'), await hereKeyboard(ctx));
}

onAdminCallback(routingFeature, hereStore, (ctx, { storeId }) => registerHere(ctx, [storeId]), 'any chat');
onAdminCallback(
  routingFeature,
  hereAll,
  async (ctx) =>
    registerHere(
      ctx,
      (await ctx.services.destinations.allStores()).map((store) => String(store._id)),
    ),
  'any chat',
);
