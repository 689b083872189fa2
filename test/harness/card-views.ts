import path from 'node:path';
import { I18n } from '@grammyjs/i18n';
import type { MessageCardView } from '#src/notify/cards/message-card.js';
import type { Translate } from '#src/notify/cards/order-card.js';

/** The app's own locales, as the card renderers get them (no isolation marks around values). */
export const cardI18n = new I18n({
  defaultLocale: 'uk',
  directory: path.resolve(import.meta.dirname, '../../locales'),
  fluentBundleOptions: { useIsolating: false },
});
export const uk: Translate = (key, vars) => cardI18n.t('uk', key, vars);
export const en: Translate = (key, vars) => cardI18n.t('en', key, vars);

/** A buyer's message on a Prom order, as its card shows it; `overrides` change any part. */
export function messageCardView(overrides: Partial<MessageCardView> = {}): MessageCardView {
  return {
    buyerMessageId: '6571a3f2c9e77b0012ab34cd',
    storeName: 'Туристичний Prom',
    marketplace: 'prom',
    buyerName: 'Оксана Коваль',
    order: { number: '312456789', statusLabel: 'Нове', url: 'https://my.prom.ua/cms/order/edit/312456789' },
    product: null,
    text: 'Чи є розмір XL?',
    attachments: [],
    sentAt: new Date('2026-11-23T10:05:00Z'),
    answered: null,
    read: null,
    hasTemplates: true,
    timeZone: 'Europe/Kyiv',
    locale: 'uk',
    ...overrides,
  };
}
