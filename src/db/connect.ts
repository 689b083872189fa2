import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '#src/logger.js';

export interface Database {
  connection: Connection;
  /** the server's address: MONGODB_URI, or the embedded server's */
  uri: string;
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
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const dbPath = path.resolve(dataDir, 'mongo');
  await mkdir(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger' } });
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
  options: { uri: string | undefined; dataDir: string; dbName?: string; maxPoolSize?: number },
  logger: Logger,
): Promise<Database> {
  const embedded = options.uri ? null : await startEmbeddedMongo(options.dataDir, logger);
  const uri = options.uri ?? (embedded as { uri: string }).uri;
  const connection = mongoose.createConnection(uri, {
    ...(options.dbName ? { dbName: options.dbName } : {}),
    autoIndex: false,
    serverSelectionTimeoutMS: 15_000,
    // a worker runs up to a hundred polls at once; queries beyond this wait in the driver rather
    // than crowd the server's own pool (FerretDB's PostgreSQL pool is 40 in CI)
    maxPoolSize: options.maxPoolSize ?? 32,
  });
  await connection.asPromise();
  return {
    connection,
    uri,
    async close() {
      await connection.close();
      await embedded?.stop();
    },
  };
}
