import type { DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';

export const logFormats = ['auto', 'pretty', 'json'] as const;
export type LogFormat = (typeof logFormats)[number];

interface Terminal {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** `auto`: readable lines for a person at a terminal, JSON lines for a log collector */
export const writesPretty = (format: LogFormat, out: Terminal) =>
  format === 'pretty' || (format === 'auto' && out.isTTY === true);

/**
 * Where the logger writes: undefined keeps pino's JSON on stdout. Pretty lines are formatted
 * and written synchronously, so the last line before an exit is never lost.
 */
export function logDestination(
  format: LogFormat,
  out: Terminal = process.stdout,
): DestinationStream | undefined {
  if (!writesPretty(format, out)) return undefined;
  const pretty = prettyFactory({
    colorize: out.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
  return { write: (line: string) => void out.write(pretty(line)) };
}
