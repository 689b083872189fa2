import { GrammyError, InputFile, type Api } from 'grammy';

/** The Bot API refuses uploads over 50 MB (https://core.telegram.org/bots/api#senddocument). */
export const TELEGRAM_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

export type DocumentResult = { ok: true } | { ok: false; reason: 'too_large' };

/**
 * The real API answers an oversized upload with HTTP 413 "Request Entity Too Large", as JSON
 * or as nginx's HTML page; either reading counts when the file is over the limit.
 */
function isTooLarge(error: unknown, bytes: number): boolean {
  if (error instanceof GrammyError && error.error_code === 413) return true;
  return bytes > TELEGRAM_UPLOAD_LIMIT_BYTES;
}

/**
 * Sends a generated file from a Buffer (never a stream: a retry must resend the whole file)
 * and turns Telegram's size refusal into a result the caller can put in plain words.
 */
export async function sendFile(
  api: Api,
  chatId: number,
  file: { buffer: Buffer; filename: string },
  options: { caption?: string; parseMode?: 'HTML' } = {},
): Promise<DocumentResult> {
  try {
    await api.sendDocument(chatId, new InputFile(file.buffer, file.filename), {
      ...(options.caption ? { caption: options.caption } : {}),
      ...(options.parseMode ? { parse_mode: options.parseMode } : {}),
    });
    return { ok: true };
  } catch (error) {
    if (isTooLarge(error, file.buffer.length)) return { ok: false, reason: 'too_large' };
    throw error;
  }
}
