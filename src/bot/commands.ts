import type { Api } from 'grammy';
import type { AppI18n } from '#src/bot/i18n.js';
import { supportedLocales } from '#src/config/locales.js';

const COMMANDS = [
  'start',
  'help',
  'order',
  'orders',
  'quiet',
  'status',
  'stores',
  'connect',
  'users',
  'invite',
  'routing',
  'here',
  'products',
  'report',
  'backfill',
  'language',
  'cancel',
] as const;

/** The command menu in every language; the default list is in the default locale. */
export async function publishCommands(api: Api, i18n: AppI18n, defaultLocale: string): Promise<void> {
  const listFor = (locale: string) =>
    COMMANDS.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }));
  await api.setMyCommands(listFor(defaultLocale));
  for (const locale of supportedLocales) await api.setMyCommands(listFor(locale), { language_code: locale });
}
