import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordSent } from '#src/notify/delivery.js';

/** a write that fails while the database is away for `outageMs`, then succeeds */
function writeDuring(outageMs: number) {
  const backAt = Date.now() + outageMs;
  const attempts: number[] = [];
  const write = () => {
    attempts.push(Date.now());
    return Date.now() < backAt ? Promise.reject(new Error('read ECONNRESET')) : Promise.resolve('written');
  };
  return { write, attempts, backAt };
}

describe('J5 the record of a sent message outlasts a database outage', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is written within a second of the database coming back, even after 20 s away', async () => {
    const { write, attempts, backAt } = writeDuring(20_000);
    const recorded = recordSent(write);
    await vi.advanceTimersByTimeAsync(25_000);
    await expect(recorded).resolves.toBe('written');
    expect(attempts.at(-1)! - backAt).toBeLessThanOrEqual(1000);
  });

  it('gives up after half a minute, so the chat is not held past its claim', async () => {
    const { write } = writeDuring(10 * 60_000);
    const recorded = recordSent(write);
    const outcome = recorded.then(
      () => 'written',
      (error: unknown) => (error as Error).message,
    );
    await vi.advanceTimersByTimeAsync(31_000);
    expect(await outcome).toBe('read ECONNRESET');
  });
});
