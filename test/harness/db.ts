import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mongoose from 'mongoose';

export interface TestDatabase {
  uri: string;
  dbName: string;
  /** drops this file's database and stops a memory server if one was started */
  drop(): Promise<void>;
}

/**
 * A database of this test file's own: on TEST_MONGODB_URI (CI: FerretDB) when set,
 * otherwise on a mongodb-memory-server started for the file.
 */
export async function createTestDatabase(testFile: string): Promise<TestDatabase> {
  const base = path
    .basename(testFile)
    .replace(/\.test\.ts$/, '')
    .replace(/[^a-z0-9]/gi, '_')
    .slice(0, 24);
  const dbName = `t_${base}_${randomBytes(3).toString('hex')}`;
  const external = process.env.TEST_MONGODB_URI;
  if (external) {
    return {
      uri: external,
      dbName,
      async drop() {
        const connection = await mongoose.createConnection(external, { dbName }).asPromise();
        await connection.dropDatabase();
        await connection.close();
      },
    };
  }
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const server = await MongoMemoryServer.create();
  return { uri: server.getUri(), dbName, drop: async () => void (await server.stop()) };
}
