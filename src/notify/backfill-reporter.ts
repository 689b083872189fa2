import type { BackfillJobData, BackfillReporter } from '#src/jobs/order-backfill.js';
import { localeForChat, type CardRenderContext } from '#src/notify/order-card-view.js';
import { enqueueMessage } from '#src/services/outbox.js';

/**
 * O6: the admin's progress message, edited in place while the import runs. Each step is a
 * request in the outbox; the sender shows only the newest one a chat's turn finds.
 */
export function createBackfillReporter(context: CardRenderContext): BackfillReporter {
  let step = 0;
  async function show(data: BackfillJobData, key: string, vars: Record<string, string | number>) {
    const locale = await localeForChat(context, data.chatId);
    const text = context.translate(locale, key, vars);
    // the key's second part groups a message's steps: progress:<message id>:<step>
    await enqueueMessage(
      context.models,
      'progress',
      `${data.messageId}:${Date.now()}-${step++}`,
      { messageId: data.messageId, text },
      [{ chatId: data.chatId, threadId: 0 }],
    );
  }
  return {
    progress: (data, progress) => show(data, 'backfill-progress', { ...progress }),
    finished: (data, result) =>
      result.ok
        ? show(data, 'backfill-done', { ...result.progress })
        : show(data, result.reason === 'not_found' ? 'backfill-store-gone' : 'backfill-failed', {}),
  };
}
