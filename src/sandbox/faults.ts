/**
 * Failure injection shared by the fake servers. A fault is taken either from a queue
 * (`failNext`, deterministic, for tests) or drawn at a rate (`setRate`, for chaos runs).
 */
/** `reset` hangs up without an answer; `http400` is a plain Bad Request */
export type FaultKind =
  | 'http400'
  | 'http500'
  | 'http502'
  | 'http503'
  | 'timeout'
  | 'reset'
  | 'rate_limit'
  | 'html'
  | 'malformed_json';

export interface Fault {
  kind: FaultKind;
  /** seconds announced in Retry-After / retry_after for rate_limit */
  retryAfterSeconds?: number;
  /** only hit requests whose path contains this */
  pathIncludes?: string;
}

export interface FaultInjector {
  failNext(fault: Fault, times?: number): void;
  /**
   * Draws a fault for `rate` of the requests, its kind uniformly from `kinds` (repeat a kind to
   * weigh it); with `paths`, only requests whose path contains one of them are drawn for.
   */
  setRate(rate: number, kinds?: FaultKind[], paths?: readonly string[]): void;
  clear(): void;
  take(path: string): Fault | null;
  /** how many faults were served, by kind */
  readonly served: Record<string, number>;
}

const ALL_KINDS: FaultKind[] = [
  'http500',
  'http502',
  'http503',
  'timeout',
  'rate_limit',
  'html',
  'malformed_json',
];

export function createFaultInjector(random: () => number = Math.random): FaultInjector {
  let queue: Fault[] = [];
  let rate = 0;
  let kinds: FaultKind[] = ALL_KINDS;
  let paths: readonly string[] | null = null;
  const served: Record<string, number> = {};

  const count = (fault: Fault) => {
    served[fault.kind] = (served[fault.kind] ?? 0) + 1;
    return fault;
  };

  return {
    served,
    failNext(fault, times = 1) {
      for (let i = 0; i < times; i++) queue.push(fault);
    },
    setRate(newRate, newKinds = ALL_KINDS, newPaths) {
      rate = newRate;
      kinds = newKinds;
      paths = newPaths ?? null;
    },
    clear() {
      queue = [];
      rate = 0;
      paths = null;
    },
    take(path) {
      const index = queue.findIndex((fault) => !fault.pathIncludes || path.includes(fault.pathIncludes));
      if (index >= 0) return count(queue.splice(index, 1)[0] as Fault);
      const aimedAt = !paths || paths.some((part) => path.includes(part));
      if (rate > 0 && aimedAt && random() < rate) {
        const kind = kinds[Math.floor(random() * kinds.length)] ?? 'http500';
        return count({ kind, retryAfterSeconds: 1 });
      }
      return null;
    },
  };
}
