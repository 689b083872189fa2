import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '#src/logger.js';
import { createSendJournal, type ClaimRecord } from '#src/notify/send-journal.js';

const quiet = createLogger('silent');

describe('send journal', () => {
  it('stays small while a lease is held through many others, and a dead process leaves only it to free', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'marketdesk-journal-'));
    const journal = createSendJournal(directory, quiet);
    journal.claiming({ entryId: 'held', lease: 'held-token' });
    for (let index = 0; index < 10_000; index++) {
      journal.claiming({ entryId: `entry-${index}`, lease: `token-${index}` })();
    }
    const [file] = readdirSync(directory);
    expect(statSync(path.join(directory, file!)).size).toBeLessThan(300 * 1024);

    renameSync(
      path.join(directory, file!),
      path.join(directory, `send-journal-${spawnSync('true').pid}-0-dead.jsonl`),
    );
    const freed: ClaimRecord[] = [];
    const recorded = await createSendJournal(directory, quiet).recover(
      () => Promise.reject(new Error('no send was noted')),
      async (claims) => void freed.push(...claims),
    );
    expect(recorded).toBe(0);
    expect(freed).toContainEqual({ entryId: 'held', lease: 'held-token' });
    // what was released before the file was last rewritten is not handed over again
    expect(freed.length).toBeLessThan(1000);
    expect(readdirSync(directory).filter((name) => name.includes('dead'))).toEqual([]);
  });
});
