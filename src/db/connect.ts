import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '#src/logger.js';
import {
  databaseStartupError,
  embeddedDownloadError,
  embeddedStartError,
} from '#src/startup/database-errors.js';

/**
 * How long an operation waits for a server (longer than a replica set's election takes), and so
 * how long start-up waits for MONGODB_URI's server before it gives up in plain words: with
 * Telegram's 10 s, a start ends within 30 s whatever is wrong.
 */
const SERVER_SELECTION_TIMEOUT_MS = 10_000;

export interface Database {
  connection: Connection;
  /** the server's address: MONGODB_URI, or the embedded server's */
  uri: string;
  /** another connection to the same database with a pool of its own, closed with this one */
  openPool(maxPoolSize: number): Promise<Connection>;
  close(): Promise<void>;
}

mongoose.set('strictQuery', 'throw');

/** Builds every declared index; FerretDB rejects TTL/sparse/partial ones, so none are declared. */
export async function ensureIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) await model.createIndexes();
}

async function startEmbeddedMongo(
  dataDir: string,
  logger: Logger,
): Promise<{ uri: string; stop(): Promise<void> }> {
  const { MongoBinary, MongoMemoryServer } = await import('mongodb-memory-server');
  const dbPath = path.resolve(dataDir, 'mongo');
  await mkdir(dbPath, { recursive: true });
  // fetched first and apart: a failed download is told as one, not as a failed start
  await MongoBinary.getPath().catch((error: unknown) => {
    throw embeddedDownloadError(error);
  });
  const server = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger' } }).catch(
    (error: unknown) => {
      throw embeddedStartError(error, dbPath);
    },
  );
  logger.info(
    { dbPath },
    'MONGODB_URI is not set: using an embedded MongoDB that keeps its data in this folder (set MONGODB_URI in production)',
  );
  return {
    uri: server.getUri('marketdesk'),
    stop: async () => void (await server.stop({ doCleanup: false })),
  };
}

export async function connectDatabase(
  options: { uri: string | undefined; dataDir: string; dbName?: string },
  logger: Logger,
): Promise<Database> {
  const embedded = options.uri ? null : await startEmbeddedMongo(options.dataDir, logger);
  const uri = options.uri ?? (embedded as { uri: string }).uri;
  let connection: Connection;
  try {
    connection = await openConnection(uri, options);
  } catch (error) {
    await embedded?.stop();
    throw databaseStartupError(error, uri, SERVER_SELECTION_TIMEOUT_MS / 1000);
  }
  const pools: Connection[] = [];
  return {
    connection,
    uri,
    async openPool(maxPoolSize) {
      const pool = await openConnection(uri, { ...options, maxPoolSize });
      pools.push(pool);
      return pool;
    },
    async close() {
      for (const pool of pools) await pool.close();
      await connection.close();
      await embedded?.stop();
    },
  };
}

async function openConnection(uri: string, options: { dbName?: string; maxPoolSize?: number }) {
  const connection = mongoose.createConnection(uri, {
    ...(options.dbName ? { dbName: options.dbName } : {}),
    autoIndex: false,
    serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
    // a worker runs up to a hundred polls at once; queries beyond this wait in the driver rather
    // than crowd the server's own pool (FerretDB's PostgreSQL pool is 40 in CI)
    maxPoolSize: options.maxPoolSize ?? 32,
    // counted by name in /metrics (marketdesk_db_commands_total)
    monitorCommands: true,
  });
  try {
    await connection.asPromise();
    return connection;
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}
