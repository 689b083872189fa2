import type { Api } from 'grammy';
import type { BackfillJobData, BackfillReporter } from '#src/jobs/order-backfill.js';
import type { Logger } from '#src/logger.js';
import { localeForChat, type CardRenderContext } from '#src/notify/order-card-view.js';

/** O6: the admin's progress message, edited in place while the import runs. */
export function createBackfillReporter(
  api: Api,
  context: CardRenderContext,
  logger: Logger,
): BackfillReporter {
  async function show(data: BackfillJobData, key: string, vars: Record<string, string | number>) {
    const locale = await localeForChat(context, data.chatId);
    try {
      await api.editMessageText(data.chatId, data.messageId, context.translate(locale, key, vars));
    } catch (error) {
      // the admin deleted the message or nothing changed: the import goes on regardless
      logger.info({ err: error, chat: data.chatId }, 'backfill progress not shown');
    }
  }
  return {
    progress: (data, progress) => show(data, 'backfill-progress', { ...progress }),
    finished: (data, result) =>
      result.ok
        ? show(data, 'backfill-done', { ...result.progress })
        : show(data, result.reason === 'not_found' ? 'backfill-store-gone' : 'backfill-failed', {}),
  };
}
