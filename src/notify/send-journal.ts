import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { outboxKinds } from '#src/db/models/outbox.js';
import type { Logger } from '#src/logger.js';

/** what the database must learn of a message Telegram took: the entry and the fields to record */
const journalRecordSchema = z.object({
  entry: z.object({
    id: z.string(),
    kind: z.enum(outboxKinds),
    chatId: z.number(),
    threadId: z.number(),
    version: z.number(),
    orderId: z.string().nullable(),
    buyerMessageId: z.string().nullable(),
  }),
  /** the card's new fields; null: a one-off message, only settled */
  card: z.record(z.string(), z.unknown()).nullable(),
  /** the entry's lease token, so the next worker need not wait for the lease to run out */
  lease: z.string().nullable(),
});

export type JournalRecord = z.infer<typeof journalRecordSchema>;

/** a line cut short by a crash is skipped: its message was not confirmed in full */
function parseLine(line: string): JournalRecord | null {
  if (!line) return null;
  try {
    const parsed = journalRecordSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const FILE_PATTERN = /^send-journal-(\d+)-(\d+)-[a-f\d]+\.jsonl$/;
/** with the pid it tells this process from an earlier one with the same pid (pid 1 in a container) */
const PROCESS_STARTED_AT = Math.round(Date.now() - process.uptime() * 1000);

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** a file of a process that is gone: an earlier incarnation of this pid, or a pid no longer running */
function isOrphan(name: string): boolean {
  const match = FILE_PATTERN.exec(name);
  if (!match) return false;
  const pid = Number(match[1]);
  if (pid === process.pid) return Math.abs(Number(match[2]) - PROCESS_STARTED_AT) > 1000;
  return !isAlive(pid);
}

/**
 * A process killed between Telegram's answer and the database write would send the message
 * again on retry. So the answer is first appended to a local file (a synchronous write, which a
 * SIGKILL cannot tear), and the next worker to start on this disk writes what the dead process
 * could not. The file is emptied whenever every noted message is in the database.
 */
export function createSendJournal(directory: string, logger: Logger) {
  mkdirSync(directory, { recursive: true });
  // one file per sender: tests run several apps in one process
  const file = path.join(
    directory,
    `send-journal-${process.pid}-${PROCESS_STARTED_AT}-${randomBytes(4).toString('hex')}.jsonl`,
  );
  /** noted and not yet in the database, each with what forgets it */
  const unrecorded = new Map<JournalRecord, () => void>();

  return {
    /** right after Telegram's answer; call the returned function once the database has it */
    note(record: JournalRecord): () => void {
      appendFileSync(file, `${JSON.stringify(record)}\n`);
      const forget = () => {
        if (!unrecorded.delete(record)) return;
        if (unrecorded.size === 0) truncateSync(file, 0);
      };
      unrecorded.set(record, forget);
      return forget;
    },

    /** what this process noted for an entry and could not write (the database was down too long) */
    unrecordedFor: (entryId: string): JournalRecord[] =>
      [...unrecorded.keys()].filter((record) => record.entry.id === entryId),

    forget: (record: JournalRecord) => unrecorded.get(record)?.(),

    /** writes what dead processes noted and did not record; their files are removed after */
    async recover(record: (entry: JournalRecord) => Promise<void>): Promise<number> {
      let recovered = 0;
      for (const name of readdirSync(directory)) {
        if (!isOrphan(name)) continue;
        const orphan = path.join(directory, name);
        for (const line of readFileSync(orphan, 'utf8').split('\n')) {
          const parsed = parseLine(line);
          if (!parsed) continue;
          await record(parsed);
          recovered++;
        }
        rmSync(orphan, { force: true });
      }
      if (recovered > 0) logger.info({ recovered }, 'recorded sends a stopped process had not');
      return recovered;
    },
  };
}

export type SendJournal = ReturnType<typeof createSendJournal>;
