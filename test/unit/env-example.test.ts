import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from '#src/config/schema.js';

describe('Running it — .env.example matches the config schema', () => {
  it('documents exactly the variables the schema reads', () => {
    const example = readFileSync(path.resolve(import.meta.dirname, '../../.env.example'), 'utf8');
    const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]).sort();
    const read = [...new Set(envSchema.options.flatMap((option) => Object.keys(option.shape)))].sort();
    expect(documented).toEqual(read);
  });
});
