import { BotError } from 'grammy';
import { describe, expect, it, vi } from 'vitest';
import type { BotContext } from '#src/bot/context.js';
import { createI18n } from '#src/bot/i18n.js';
import { createErrorReply } from '#src/bot/middlewares/error-boundary.js';
import { createLogger } from '#src/logger.js';

describe('error boundary', () => {
  it('answers a tap in the default language when the update failed before i18n was set up', async () => {
    // e.g. the database was unreachable while the team member was being loaded
    const answerCallbackQuery = vi.fn(async () => true);
    const ctx = {
      logger: createLogger('silent'),
      callbackQuery: { id: '1', data: 'x' },
      answerCallbackQuery,
    } as unknown as BotContext;
    await createErrorReply(createI18n('uk'), 'uk')(new BotError(new Error('db down'), ctx));
    expect(answerCallbackQuery).toHaveBeenCalledWith({
      text: expect.stringContaining('Щось пішло не так'),
      show_alert: true,
    });
  });
});
