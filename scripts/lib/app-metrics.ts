import { createServer } from 'node:net';

/** a port nobody listens on right now: each app child gets its own, so its /metrics can be read */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** what the bench reads of the apps' /metrics: database commands by name and order polls by outcome */
export interface AppCounts {
  dbCommands: Map<string, number>;
  orderPolls: Map<string, number>;
}

const SAMPLE = /^(marketdesk_db_commands_total|marketdesk_order_polls_total)\{(\w+)="([^"]*)"\} (\S+)$/;

function add(into: Map<string, number>, key: string, value: number) {
  into.set(key, (into.get(key) ?? 0) + value);
}

/** the counters of every app, summed */
export async function readAppCounts(ports: number[]): Promise<AppCounts> {
  const counts: AppCounts = { dbCommands: new Map(), orderPolls: new Map() };
  for (const port of ports) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const line of text.split('\n')) {
      const match = SAMPLE.exec(line);
      if (!match) continue;
      const [, name, , label, value] = match;
      add(
        name === 'marketdesk_db_commands_total' ? counts.dbCommands : counts.orderPolls,
        label!,
        Number(value),
      );
    }
  }
  return counts;
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);

/** what happened between two readings */
export function countsBetween(before: AppCounts, after: AppCounts) {
  const delta = (a: Map<string, number>, b: Map<string, number>) =>
    new Map(
      [...b].map(([key, value]) => [key, value - (a.get(key) ?? 0)]).filter(([, value]) => value !== 0) as [
        string,
        number,
      ][],
    );
  const dbCommands = delta(before.dbCommands, after.dbCommands);
  const orderPolls = delta(before.orderPolls, after.orderPolls);
  return {
    dbCommands: total(dbCommands),
    orderPolls: total(orderPolls),
    /** commands by name, most first */
    byCommand: Object.fromEntries([...dbCommands].sort((a, b) => b[1] - a[1])),
    pollsByOutcome: Object.fromEntries(orderPolls),
  };
}
