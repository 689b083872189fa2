import { BroadcastChannel } from 'node:worker_threads';
import type { Connection } from 'mongoose';

/**
 * Database commands by name, from the driver's command monitoring (`monitorCommands` is on for
 * every connection). A worker thread's connection (the sender's) relays its counts to the main
 * thread under its database's name, so the process's /metrics counts every command it sends.
 */
const CHANNEL = 'marketdesk:db-commands';

interface Tally {
  dbName: string;
  counts: Record<string, number>;
}

export type CommandCount = (command: string, times: number) => void;

const onCommand = (connection: Connection, count: (command: string) => void) =>
  connection.getClient().on('commandStarted', (event) => count(event.commandName));

/** in a worker thread: the connection's commands, summed per turn of the event loop, to the main thread */
export function relayCommands(connection: Connection): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  let pending: Record<string, number> | null = null;
  const flush = () => {
    if (pending) channel.postMessage({ dbName: connection.name, counts: pending } satisfies Tally);
    pending = null;
  };
  onCommand(connection, (command) => {
    if (!pending) setImmediate(flush);
    pending ??= {};
    pending[command] = (pending[command] ?? 0) + 1;
  });
  connection.once('close', () => {
    flush();
    channel.close();
  });
}

/** the connection's commands and those its process's threads relay for the same database */
export function countCommands(connection: Connection, count: CommandCount): void {
  onCommand(connection, (command) => count(command, 1));
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  channel.onmessage = (message) => {
    const tally = message.data as Tally;
    if (tally.dbName !== connection.name) return;
    for (const [command, times] of Object.entries(tally.counts)) count(command, times);
  };
  connection.once('close', () => channel.close());
}
