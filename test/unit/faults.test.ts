import { describe, expect, it } from 'vitest';
import { createFaultInjector } from '#src/sandbox/faults.js';

describe('fault injector', () => {
  it('draws at a rate only for the paths it is aimed at', () => {
    const faults = createFaultInjector(() => 0);
    faults.setRate(1, ['rate_limit'], ['/sendMessage', '/editMessageText']);
    expect(faults.take('/getUpdates')).toBeNull();
    expect(faults.take('/sendMessage')?.kind).toBe('rate_limit');
    expect(faults.take('/editMessageText')?.kind).toBe('rate_limit');
    expect(faults.served).toEqual({ rate_limit: 2 });
  });

  it('draws for every path without a list, and for none once cleared', () => {
    const faults = createFaultInjector(() => 0);
    faults.setRate(1, ['http503'], ['/sendMessage']);
    faults.setRate(1, ['http503']);
    expect(faults.take('/getUpdates')?.kind).toBe('http503');
    faults.clear();
    expect(faults.take('/getUpdates')).toBeNull();
  });
});
