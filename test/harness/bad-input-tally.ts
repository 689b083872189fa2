import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the e2e tests note the bad inputs they tried; `npx tsx scripts/bad-inputs-table.ts` prints them. */
export const BAD_INPUT_TALLY = path.join(os.tmpdir(), 'marketdesk-bad-inputs.jsonl');

export interface BadInputRow {
  /** what was tried, in plain words */
  input: string;
  tried: number;
  /** secrets or buyers' details that reached a log, a chat or the database */
  leaked: number;
  /** marketplace writes, stored changes or keyboards of another store that followed */
  changed: number;
}

export function tallyBadInputs(row: BadInputRow): void {
  appendFileSync(BAD_INPUT_TALLY, `${JSON.stringify({ ...row, at: new Date().toISOString() })}\n`);
}
