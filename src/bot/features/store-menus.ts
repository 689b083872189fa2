import { InlineKeyboard } from 'grammy';
import type { UserDoc } from '#src/db/models/user.js';
import type { MarketplaceOption } from '#src/marketplaces/port.js';
import {
  isPackableCode,
  mappingListCallback,
  shopListCallback,
  storeMenuCallback,
  type StoreAction,
} from '#src/bot/features/store-callbacks.js';
import { AUTO_ACCEPT_CHOICES, POLL_INTERVAL_CHOICES } from '#src/services/store-admin.js';
import type { StoreRecord } from '#src/services/stores.js';

/** Texts and inline keyboards of the store menus (S2, S3); no side effects. */

export type T = (key: string, vars?: Record<string, string | number>) => string;

export interface Menu {
  text: string;
  keyboard: InlineKeyboard;
}

export const PAGE_SIZE = 8;
/** 20 templates of 1000 characters would not fit one message */
const TEMPLATE_PREVIEW_MAX = 80;

export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function pageOf<I>(items: readonly I[], page: number) {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const current = Math.min(Math.max(page, 0), pages - 1);
  return {
    items: items.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE),
    page: current,
    pages,
    offset: current * PAGE_SIZE,
  };
}

/** ‹ 2/5 › under a long list; nothing when it fits on one page */
export function addPager(keyboard: InlineKeyboard, page: number, pages: number, data: (p: number) => string) {
  if (pages <= 1) return;
  keyboard.row();
  if (page > 0) keyboard.text('‹', data(page - 1));
  keyboard.text(`${page + 1}/${pages}`, data(page));
  if (page < pages - 1) keyboard.text('›', data(page + 1));
}

export const storeData = (a: StoreAction, id = '', v: string | number = '') =>
  storeMenuCallback.pack({ a, id, v: String(v) });

const statusIcon = { active: '🟢', paused: '⏸', failing: '🔴' } as const;

export function storeListMenu(stores: StoreRecord[], page: number, t: T): Menu {
  const shown = pageOf(stores, page);
  const keyboard = new InlineKeyboard();
  for (const store of shown.items) {
    const icon = statusIcon[store.status as keyof typeof statusIcon] ?? '•';
    keyboard
      .text(
        `${icon} ${store.name} · ${t('stores-marketplace', { marketplace: store.marketplace })}`,
        storeData('op', String(store._id)),
      )
      .row();
  }
  addPager(keyboard, shown.page, shown.pages, (p) => storeData('ls', '', p));
  keyboard.row().text(t('stores-button-connect'), storeData('cn'));
  keyboard.row().text(t('stores-button-lists'), shopListCallback.pack({ l: 's', a: 'v', i: '' }));
  const text =
    stores.length === 0 ? t('stores-list-empty') : t('stores-list-title', { count: stores.length });
  return { text, keyboard };
}

const minutesOrSeconds = (seconds: number, t: T) =>
  seconds % 60 === 0 ? t('stores-minutes', { count: seconds / 60 }) : t('stores-seconds', { count: seconds });

export function storeView(store: StoreRecord, managerName: string | null, t: T): Menu {
  const id = String(store._id);
  const none = t('stores-none');
  const hours =
    store.workingHoursFrom && store.workingHoursTo
      ? `${store.workingHoursFrom}–${store.workingHoursTo}`
      : t('stores-hours-always');
  const autoAccept = store.autoAcceptDelayMinutes
    ? t('stores-auto-accept-after', { minutes: store.autoAcceptDelayMinutes })
    : t('stores-off');
  const imported =
    store.importedStatuses.length === 0
      ? t('stores-imported-all')
      : t('stores-imported-some', { count: store.importedStatuses.length });
  const lines = [
    `🏬 ${store.name} · ${t('stores-marketplace', { marketplace: store.marketplace })}`,
    `${t('stores-field-status')}: ${statusIcon[store.status as keyof typeof statusIcon] ?? ''} ${t('stores-status', { status: store.status })}`,
    `${t('stores-field-credentials')}: ${store.credentialsHint || none}`,
    `${t('stores-field-source')}: ${store.sourceLabel || none}`,
    `${t('stores-field-manager')}: ${managerName ?? none}`,
    `${t('stores-field-auto-accept')}: ${autoAccept}`,
    `${t('stores-field-hours')}: ${hours}`,
    `${t('stores-field-poll')}: ${minutesOrSeconds(store.pollIntervalSeconds, t)}`,
    `${t('stores-field-imported')}: ${imported}`,
    `${t('stores-field-signature')}: ${store.replySignature || none}`,
    `${t('stores-field-templates')}: ${store.replyTemplates.length}`,
  ];
  const paused = store.status === 'paused';
  const keyboard = new InlineKeyboard()
    .text(t('stores-button-rename'), storeData('rn', id))
    .text(paused ? t('stores-button-resume') : t('stores-button-pause'), storeData(paused ? 're' : 'pa', id))
    .row()
    .text(t('stores-button-source'), storeData('sl', id))
    .text(t('stores-button-manager'), storeData('mg', id, 0))
    .row()
    .text(t('stores-button-auto-accept'), storeData('aa', id))
    .text(t('stores-button-hours'), storeData('wh', id))
    .row()
    .text(t('stores-button-poll'), storeData('pi', id))
    .text(t('stores-button-imported'), storeData('is', id, 0))
    .row()
    .text(t('stores-button-signature'), storeData('sg', id))
    .text(t('stores-button-templates'), storeData('tp', id))
    .row()
    .text(t('mapping-button-statuses'), mappingListCallback.pack({ k: 's', id, p: 0 }))
    .text(t('mapping-button-payments'), mappingListCallback.pack({ k: 'p', id, p: 0 }))
    .text(t('mapping-button-deliveries'), mappingListCallback.pack({ k: 'd', id, p: 0 }))
    .row()
    .text(t('stores-button-replace-credentials'), storeData('rc', id))
    .row()
    .text(t('stores-button-delete'), storeData('dl', id))
    .row()
    .text(t('stores-button-all'), storeData('ls', '', 0));
  return { text: lines.join('\n'), keyboard };
}

const backRow = (keyboard: InlineKeyboard, storeId: string, t: T) =>
  keyboard.row().text(t('stores-button-back'), storeData('op', storeId));

export function deleteConfirmMenu(store: StoreRecord, t: T): Menu {
  const id = String(store._id);
  return {
    text: t('stores-delete-confirm', { name: store.name }),
    keyboard: new InlineKeyboard()
      .text(t('stores-button-delete-yes'), storeData('dy', id))
      .text(t('stores-button-delete-no'), storeData('op', id)),
  };
}

export function managerMenu(
  store: StoreRecord,
  team: (UserDoc & { telegramId: number })[],
  page: number,
  t: T,
): Menu {
  const id = String(store._id);
  const shown = pageOf(team, page);
  const keyboard = new InlineKeyboard();
  for (const user of shown.items) {
    const chosen = store.responsibleManagerId === user.telegramId ? '✅ ' : '';
    keyboard
      .text(`${chosen}${user.name || user.username || user.telegramId}`, storeData('ms', id, user.telegramId))
      .row();
  }
  addPager(keyboard, shown.page, shown.pages, (p) => storeData('mg', id, p));
  keyboard.row().text(t('stores-manager-nobody'), storeData('ms', id, ''));
  return { text: t('stores-manager-choose', { name: store.name }), keyboard: backRow(keyboard, id, t) };
}

export function autoAcceptMenu(store: StoreRecord, t: T): Menu {
  const id = String(store._id);
  const keyboard = new InlineKeyboard();
  AUTO_ACCEPT_CHOICES.forEach((minutes, index) => {
    const current = (store.autoAcceptDelayMinutes ?? 0) === minutes ? '✅ ' : '';
    const label = minutes === 0 ? t('stores-off') : t('stores-minutes', { count: minutes });
    keyboard.text(`${current}${label}`, storeData('as', id, minutes));
    if (index % 3 === 2) keyboard.row();
  });
  return { text: t('stores-auto-accept-choose', { name: store.name }), keyboard: backRow(keyboard, id, t) };
}

export function workingHoursMenu(store: StoreRecord, t: T): Menu {
  const id = String(store._id);
  const keyboard = new InlineKeyboard()
    .text(t('stores-button-hours-set'), storeData('wt', id))
    .row()
    .text(t('stores-hours-always'), storeData('wc', id));
  return { text: t('stores-hours-explain', { name: store.name }), keyboard: backRow(keyboard, id, t) };
}

export function pollIntervalMenu(store: StoreRecord, t: T): Menu {
  const id = String(store._id);
  const keyboard = new InlineKeyboard();
  POLL_INTERVAL_CHOICES.forEach((seconds, index) => {
    const current = store.pollIntervalSeconds === seconds ? '✅ ' : '';
    keyboard.text(`${current}${minutesOrSeconds(seconds, t)}`, storeData('ps', id, seconds));
    if (index % 4 === 3) keyboard.row();
  });
  return { text: t('stores-poll-choose', { name: store.name }), keyboard: backRow(keyboard, id, t) };
}

export function importedStatusesMenu(
  store: StoreRecord,
  options: MarketplaceOption[],
  page: number,
  t: T,
): Menu {
  const id = String(store._id);
  const shown = pageOf(
    options.filter((option) => isPackableCode(option.id)),
    page,
  );
  const keyboard = new InlineKeyboard();
  const all = store.importedStatuses.length === 0;
  for (const option of shown.items) {
    const on = all || store.importedStatuses.includes(option.id);
    keyboard.text(`${on ? '✅' : '⬜'} ${option.label}`, storeData('it', id, option.id)).row();
  }
  addPager(keyboard, shown.page, shown.pages, (p) => storeData('is', id, p));
  return { text: t('stores-imported-explain', { name: store.name }), keyboard: backRow(keyboard, id, t) };
}

export function signatureMenu(store: StoreRecord, t: T): Menu {
  const id = String(store._id);
  const keyboard = new InlineKeyboard().text(t('stores-button-signature-set'), storeData('st', id));
  if (store.replySignature) keyboard.row().text(t('stores-button-clear'), storeData('sc', id));
  return {
    text: t('stores-signature-explain', { signature: store.replySignature || t('stores-none') }),
    keyboard: backRow(keyboard, id, t),
  };
}

export function templatesMenu(store: StoreRecord, t: T): Menu {
  const id = String(store._id);
  const keyboard = new InlineKeyboard();
  store.replyTemplates.forEach((template, index) => {
    keyboard.text(`🗑 ${template.title}`, storeData('td', id, index)).row();
  });
  keyboard.text(t('stores-button-template-add'), storeData('ta', id));
  const list = store.replyTemplates
    .map((template) => `• ${template.title}: ${clip(template.text, TEMPLATE_PREVIEW_MAX)}`)
    .join('\n');
  return {
    text: store.replyTemplates.length
      ? `${t('stores-templates-title', { name: store.name })}\n\n${list}`
      : t('stores-templates-empty', { name: store.name }),
    keyboard: backRow(keyboard, id, t),
  };
}
