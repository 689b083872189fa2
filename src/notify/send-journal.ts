import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
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
});

export type JournalRecord = z.infer<typeof journalRecordSchema>;

/** an entry's lease taken: a process killed before the answer leaves it for the next one to free */
const claimRecordSchema = z.object({ claim: z.object({ entryId: z.string(), lease: z.string() }) });

export type ClaimRecord = z.infer<typeof claimRecordSchema>['claim'];

/**
 * Each note is numbered in its file, and a later line closes it by number: what the next worker
 * finds open is exactly what this one had not finished, however long the file has grown.
 */
const lineSchema = z.union([
  journalRecordSchema.extend({ n: z.number() }),
  claimRecordSchema.extend({ n: z.number() }),
  z.object({ closed: z.number() }),
]);

/** a line cut short by a crash is skipped: its message was not confirmed in full */
function parseLine(line: string): z.infer<typeof lineSchema> | null {
  if (!line) return null;
  try {
    const parsed = lineSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** what a dead process's file still holds open: answers to record, then leases to free */
function openIn(text: string): { answers: JournalRecord[]; claims: ClaimRecord[] } {
  const open = new Map<number, JournalRecord | { claim: ClaimRecord }>();
  for (const line of text.split('\n').map(parseLine)) {
    if (!line) continue;
    if ('closed' in line) open.delete(line.closed);
    else {
      const { n, ...note } = line;
      open.set(n, note);
    }
  }
  const notes = [...open.values()];
  return {
    answers: notes.filter((note): note is JournalRecord => 'entry' in note),
    claims: notes.flatMap((note) => ('claim' in note ? [note.claim] : [])),
  };
}

/** past this size the file is rewritten with only what is still open */
const COMPACT_AT_BYTES = 64 * 1024;

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

/** a file name of this process's own: not an orphan while it lives, one of a dead pid after */
const ownFileIn = (directory: string) =>
  path.join(
    directory,
    `send-journal-${process.pid}-${PROCESS_STARTED_AT}-${randomBytes(4).toString('hex')}.jsonl`,
  );

/**
 * Takes a dead process's file for this one by renaming it to a name of its own, so workers
 * starting together on one disk never recover a file twice, and one killed while recovering
 * leaves it to the next. Null when another worker took it first.
 */
function takeOrphan(directory: string, name: string): string | null {
  const taken = ownFileIn(directory);
  try {
    renameSync(path.join(directory, name), taken);
    return taken;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * A process killed between Telegram's answer and the database write would send the message
 * again on retry. So the answer is first appended to a local file (a synchronous write, which a
 * SIGKILL cannot tear), and the next worker to start on this disk writes what the dead process
 * could not. Each lease is noted too, before it is taken, so that worker frees the leases of
 * entries the dead one had not sent yet instead of leaving them to run out. The file is emptied
 * whenever nothing noted is still open, and rewritten with what is when it grows large.
 */
export function createSendJournal(directory: string, logger: Logger) {
  mkdirSync(directory, { recursive: true });
  // one file per sender: tests run several apps in one process
  const file = ownFileIn(directory);
  /** noted and still open (an answer not in the database yet, a lease not released): number and line */
  const open = new Map<JournalRecord | ClaimRecord, { n: number; line: string }>();
  let lastNumber = 0;
  let size = 0;

  const write = (line: string) => {
    appendFileSync(file, line);
    size += Buffer.byteLength(line);
  };
  const append = (record: JournalRecord | ClaimRecord, note: Record<string, unknown>) => {
    const n = ++lastNumber;
    const line = `${JSON.stringify({ n, ...note })}\n`;
    write(line);
    open.set(record, { n, line });
  };
  const close = (record: JournalRecord | ClaimRecord) => {
    const closing = open.get(record);
    if (!closing) return;
    open.delete(record);
    if (open.size === 0) {
      truncateSync(file, 0);
      size = 0;
    } else if (size > COMPACT_AT_BYTES) {
      const lines = [...open.values()].map((kept) => kept.line).join('');
      writeFileSync(`${file}.tmp`, lines);
      renameSync(`${file}.tmp`, file);
      size = Buffer.byteLength(lines);
    } else write(`${JSON.stringify({ closed: closing.n })}\n`);
  };
  const unrecorded = () => [...open.keys()].filter((record): record is JournalRecord => 'entry' in record);

  return {
    /** right after Telegram's answer; call the returned function once the database has it */
    note(record: JournalRecord): () => void {
      append(record, record);
      return () => close(record);
    },

    /** before an entry's lease is taken; call the returned function once it is released */
    claiming(claim: ClaimRecord): () => void {
      append(claim, { claim });
      return () => close(claim);
    },

    /** what this process noted for an entry and could not write (the database was down too long) */
    unrecordedFor: (entryId: string): JournalRecord[] =>
      unrecorded().filter((record) => record.entry.id === entryId),

    forget: (record: JournalRecord) => close(record),

    /**
     * Writes what dead processes noted and did not record, then frees the leases they still held;
     * their files are removed after. Returns how many sends were recorded.
     */
    async recover(
      record: (entry: JournalRecord) => Promise<void>,
      release: (claims: ClaimRecord[]) => Promise<void>,
    ): Promise<number> {
      let recovered = 0;
      let leases = 0;
      for (const name of readdirSync(directory)) {
        const orphan = isOrphan(name) ? takeOrphan(directory, name) : null;
        if (!orphan) continue;
        const { answers, claims } = openIn(readFileSync(orphan, 'utf8'));
        for (const answer of answers) await record(answer);
        // after the answers: a lease whose message was recorded is free already
        if (claims.length > 0) await release(claims);
        recovered += answers.length;
        leases += claims.length;
        rmSync(orphan, { force: true });
      }
      if (recovered + leases > 0)
        logger.info({ recovered, leases }, 'recorded the sends and freed the leases a stopped process left');
      return recovered;
    },
  };
}

export type SendJournal = ReturnType<typeof createSendJournal>;
