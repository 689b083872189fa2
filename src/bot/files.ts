import type { BotContext } from '#src/bot/context.js';
import { sendFile } from '#src/notify/documents.js';

/**
 * Long work (a 10 000-product import, a big workbook) runs after the button is answered, so
 * the chat is not held up; a failure still reaches the user in plain words.
 */
export function runInBackground(ctx: BotContext, task: () => Promise<void>): void {
  void task().catch(async (error: unknown) => {
    ctx.logger.error({ err: error }, 'background task failed');
    await ctx.reply(ctx.t('error-generic')).catch(() => undefined);
  });
}

/** An XLSX into the current chat; one Telegram refuses as too large gets a plain message. */
export async function sendXlsx(ctx: BotContext, file: { buffer: Buffer; filename: string }, caption: string) {
  if (!ctx.chat) return;
  const sent = await sendFile(ctx.api, ctx.chat.id, file, { caption });
  if (!sent.ok) {
    ctx.logger.warn(
      { bytes: file.buffer.length, file: file.filename },
      'Telegram refused a file as too large',
    );
    await ctx.reply(ctx.t('file-too-large'));
  }
}
