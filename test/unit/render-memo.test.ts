import { describe, expect, it } from 'vitest';
import { createRenderMemo } from '#src/notify/render-memo.js';

describe('J5 render memo of the sender', () => {
  it('reads a key once within its time, again after it, and never keeps a failed read', async () => {
    const remember = createRenderMemo(50);
    let reads = 0;
    const load = async () => ++reads;
    expect(await remember('store:1', load)).toBe(1);
    expect(await remember('store:1', load)).toBe(1);
    expect(await remember('store:2', load)).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await remember('store:1', load)).toBe(3);

    await expect(remember('locale:7', () => Promise.reject(new Error('database gone')))).rejects.toThrow();
    expect(await remember('locale:7', load)).toBe(4);
  });

  it('runs a query that runs again on each await (a mongoose query) only once', async () => {
    const remember = createRenderMemo(1_000);
    let runs = 0;
    const query = { then: (resolve: (value: number) => void) => resolve(++runs) } as PromiseLike<number>;
    await remember('locale:8', () => query);
    expect(await remember('locale:8', () => query)).toBe(1);
    expect(runs).toBe(1);
  });
});
