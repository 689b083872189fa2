import type { Connection } from 'mongoose';

export type CommandCount = (command: string, times: number) => void;

/** Database commands by name, from the driver's command monitoring (`monitorCommands` is on for every connection). */
export function countCommands(connection: Connection, count: CommandCount): void {
  connection.getClient().on('commandStarted', (event) => count(event.commandName, 1));
}
