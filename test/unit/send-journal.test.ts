import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '#src/logger.js';
import { createSendJournal, type ClaimRecord, type JournalRecord } from '#src/notify/send-journal.js';

const quiet = createLogger('silent');

const answer = (id: string): JournalRecord => ({
  entry: { id, kind: 'order_card', chatId: 7, threadId: 0, version: 1, orderId: null, buyerMessageId: null },
  card: { messageId: 1 },
});

/** the journal's file as a process that is gone leaves it */
function leftByDeadProcess(directory: string) {
  const [file] = readdirSync(directory);
  renameSync(
    path.join(directory, file!),
    path.join(directory, `send-journal-${spawnSync('true').pid}-0-dead.jsonl`),
  );
}

async function recoverIn(directory: string) {
  const recorded: JournalRecord[] = [];
  const freed: ClaimRecord[] = [];
  await createSendJournal(directory, quiet).recover(
    async (record) => void recorded.push(record),
    async (claims) => void freed.push(...claims),
  );
  return { recorded, freed };
}

describe('send journal', () => {
  it('hands the next worker only what a dead one left open, however much it had closed', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'marketdesk-journal-'));
    const journal = createSendJournal(directory, quiet);
    const unclaimHeld = journal.claiming({ entryId: 'held', lease: 'held-token' });
    journal.note(answer('recorded'))();
    journal.claiming({ entryId: 'released', lease: 'released-token' })();
    journal.note(answer('unrecorded'));
    unclaimHeld(); // the held lease is released after all…
    journal.claiming({ entryId: 'in-flight', lease: 'in-flight-token' }); // …and another is taken

    leftByDeadProcess(directory);
    const { recorded, freed } = await recoverIn(directory);
    expect(recorded.map((record) => record.entry.id)).toEqual(['unrecorded']);
    expect(freed).toEqual([{ entryId: 'in-flight', lease: 'in-flight-token' }]);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('stays small while a lease is held through many others', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'marketdesk-journal-'));
    const journal = createSendJournal(directory, quiet);
    journal.claiming({ entryId: 'held', lease: 'held-token' });
    for (let index = 0; index < 10_000; index++) {
      journal.claiming({ entryId: `entry-${index}`, lease: `token-${index}` })();
    }
    const [file] = readdirSync(directory);
    expect(statSync(path.join(directory, file!)).size).toBeLessThan(100 * 1024);

    leftByDeadProcess(directory);
    const { recorded, freed } = await recoverIn(directory);
    expect(recorded).toEqual([]);
    expect(freed).toEqual([{ entryId: 'held', lease: 'held-token' }]);
  });

  it("two workers starting together on one disk recover a dead one's file once between them", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'marketdesk-journal-'));
    createSendJournal(directory, quiet).note(answer('unrecorded'));
    leftByDeadProcess(directory);

    const [first, second] = await Promise.all([recoverIn(directory), recoverIn(directory)]);
    expect([...first.recorded, ...second.recorded].map((record) => record.entry.id)).toEqual(['unrecorded']);
    expect(readdirSync(directory)).toEqual([]);
  });
});
