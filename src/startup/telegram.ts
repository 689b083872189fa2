import { Api, GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Config } from '#src/config/index.js';
import { StartupError, causeOf } from '#src/startup/startup-error.js';

/** long enough for a slow link, short enough that a wrong TELEGRAM_API_ROOT fails the start fast */
const GET_ME_TIMEOUT_SECONDS = 10;

/** why the call got no answer, without the request's address: it carries the bot token */
function networkCause(error: unknown, botToken: string): string {
  const cause = causeOf(error instanceof HttpError ? error.error : error);
  const reason = /reason: (.+)$/.exec(cause)?.[1] ?? cause;
  return reason.replaceAll(botToken, '***');
}

/**
 * Asks Telegram who the bot is, once and without retries: the bot's own API retries calls
 * for minutes, which at start-up only hides a wrong token or an unreachable Telegram.
 */
export async function reachTelegram(
  config: Pick<Config, 'botToken' | 'telegramApiRoot'>,
): Promise<UserFromGetMe> {
  const api = new Api(config.botToken, {
    apiRoot: config.telegramApiRoot,
    timeoutSeconds: GET_ME_TIMEOUT_SECONDS,
  });
  try {
    return await api.getMe();
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
      throw new StartupError(
        `Telegram refused the bot token (${error.description}): copy BOT_TOKEN again from @BotFather (/mybots → API Token)`,
      );
    }
    if (error instanceof GrammyError) {
      throw new StartupError(
        `Telegram answered getMe with an error (${error.error_code} ${error.description}): try again in a minute`,
      );
    }
    throw new StartupError(
      `Telegram is unreachable at ${config.telegramApiRoot} (${networkCause(error, config.botToken)}): check this machine's internet connection, or TELEGRAM_API_ROOT`,
    );
  }
}
