import { describe, expect, it } from 'vitest';
import { logDestination, writesPretty } from '#src/log-output.js';
import { createLogger } from '#src/logger.js';

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('Running it — readable logs in a terminal', () => {
  it('auto is pretty on a terminal and JSON elsewhere; pretty and json are taken as asked', () => {
    expect(writesPretty('auto', { isTTY: true, write: () => true })).toBe(true);
    expect(writesPretty('auto', { write: () => true })).toBe(false);
    expect(writesPretty('pretty', { write: () => true })).toBe(true);
    expect(writesPretty('json', { isTTY: true, write: () => true })).toBe(false);
    expect(logDestination('json', terminal(true))).toBeUndefined();
  });

  it('writes one readable line per entry, secrets still replaced', () => {
    const out = terminal(false);
    const logger = createLogger('info', {}, logDestination('pretty', out));
    logger.info({ store: 'Prom', token: 'prom-api-token-value' }, 'order sync failed');
    logger.debug('not at this level');
    expect(out.written).toHaveLength(1);
    const [line] = out.written as [string];
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: order sync failed\n/);
    expect(line).toContain('store: "Prom"');
    expect(line).toContain('token: "[secret]"');
    expect(line).not.toContain('prom-api-token-value');
    expect(() => JSON.parse(line) as unknown).toThrow();
  });
});
