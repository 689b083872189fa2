/**
 * A start-up failure the operator can fix: its message is one plain line saying what is wrong
 * and what to do, printed as it is (no stack) before the process exits with status 1.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** the last line of an error's message: the cause, without the wrapping that repeats the context */
export function causeOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.at(-1) ?? 'unknown error';
}
