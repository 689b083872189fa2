import { describe, expect, it } from 'vitest';
import { createI18n } from '#src/bot/i18n.js';
import type { Models } from '#src/db/models/index.js';
import { createCardContext } from '#src/notify/outbox-renderers.js';

describe('card context', () => {
  it('keeps only the zone and language of the settings it is built from', () => {
    const settings = { timeZone: 'Europe/Kyiv', defaultLocale: 'uk' as const, botToken: '1:secret-token' };
    const context = createCardContext({} as Models, createI18n('uk'), settings);
    expect(Object.keys(context).sort()).toEqual(['defaultLocale', 'models', 'timeZone', 'translate']);
  });
});
