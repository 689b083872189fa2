import type { JobScheduler } from '#src/jobs/agenda.js';
import type { BackfillProgress, BackfillResult, OrderBackfill } from '#src/services/order-backfill.js';

export const BACKFILL_ORDERS = 'import-past-orders';

export interface BackfillJobData {
  storeId: string;
  since: string;
  /** the chat and message that show the progress */
  chatId: number;
  messageId: number;
}

/** Shows how the import goes; the job knows nothing of Telegram. */
export interface BackfillReporter {
  progress(data: BackfillJobData, progress: BackfillProgress): Promise<void>;
  finished(data: BackfillJobData, result: BackfillResult): Promise<void>;
}

const PROGRESS_EVERY_MS = 2_000;

/** O6 runs as a job (on a worker): a long import survives a restart and never holds up the chat. */
export function defineOrderBackfill(
  agenda: JobScheduler,
  backfill: OrderBackfill,
  reporter: BackfillReporter,
) {
  agenda.define<BackfillJobData>(
    BACKFILL_ORDERS,
    async (job) => {
      const data = job.attrs.data;
      let lastReport = 0;
      const result = await backfill.run(data.storeId, new Date(data.since), async (progress) => {
        if (Date.now() - lastReport < PROGRESS_EVERY_MS) return;
        lastReport = Date.now();
        await reporter.progress(data, progress);
      });
      await reporter.finished(data, result);
    },
    { concurrency: 2, lockLifetime: 30 * 60_000 },
  );
}

/** Queues an import from any process; only a worker (ROLE=worker or all) runs it. */
export function backfillRequester(agenda: JobScheduler) {
  return (data: BackfillJobData) => agenda.now(BACKFILL_ORDERS, data).then(() => undefined);
}

export type RequestBackfill = ReturnType<typeof backfillRequester>;
