import { existsSync, readFileSync } from 'node:fs';
import { BAD_INPUT_TALLY, type BadInputRow } from '#test/harness/bad-input-tally.js';

/**
 * Prints the bad inputs the e2e tests tried (bad-input, secrets, group-chats, credentials and
 * store-scope tests note them as they run), the latest run of each, as a Markdown table.
 */
if (!existsSync(BAD_INPUT_TALLY)) {
  console.log(`no tally yet: run the e2e tests first (${BAD_INPUT_TALLY})`);
  process.exit(1);
}
const latest = new Map<string, BadInputRow>();
for (const line of readFileSync(BAD_INPUT_TALLY, 'utf8').split('\n').filter(Boolean)) {
  const row = JSON.parse(line) as BadInputRow;
  latest.set(row.input, row);
}
const rows = [...latest.values()];
const total = (key: 'tried' | 'leaked' | 'changed') => rows.reduce((sum, row) => sum + row[key], 0);
console.log('| Bad input | Tried | Leaked | Changed |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) console.log(`| ${row.input} | ${row.tried} | ${row.leaked} | ${row.changed} |`);
console.log(`| **All** | **${total('tried')}** | **${total('leaked')}** | **${total('changed')}** |`);
