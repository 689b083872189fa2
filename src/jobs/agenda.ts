import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { Connection } from 'mongoose';
import type { Logger } from '#src/logger.js';

/** Agenda on mongoose's own connection and driver (one `mongodb` package in the tree). */
export function createAgenda(
  connection: Connection,
  logger: Logger,
  options: { processEvery?: string } = {},
) {
  const db = connection.db;
  if (!db) throw new Error('the database connection must be open before jobs are set up');
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: db, collection: 'jobs' }),
    processEvery: options.processEvery ?? '2 seconds',
    defaultLockLifetime: 5 * 60_000,
  });
  agenda.on('fail', (error: Error, job: { attrs: { name: string } }) =>
    logger.warn({ err: error, job: job.attrs.name }, 'job failed'),
  );
  agenda.on('error', (error: Error) => logger.error({ err: error }, 'job scheduler error'));
  return agenda;
}

export type JobScheduler = ReturnType<typeof createAgenda>;
