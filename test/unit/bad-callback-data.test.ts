import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '#src/app.js';
import { CALLBACK_DATA_MAX_BYTES, definedCallbacks, type CallbackCodec } from '#src/bot/callback-data.js';
import { HUGE_TEXT, oddUnicode, markupText } from '#test/harness/bad-input.js';

const RUNS = { numRuns: 300, seed: 20261123 };
const SRC = path.resolve(import.meta.dirname, '../../src');

/** Prefixes of every `defineCallback('…'` in the source, found by reading the files. */
function prefixesInSource(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return prefixesInSource(file);
    if (!entry.name.endsWith('.ts')) return [];
    return [...readFileSync(file, 'utf8').matchAll(/defineCallback\(\s*'([^']+)'/g)].map(
      (m) => m[1] as string,
    );
  });
}

const codecs = definedCallbacks();
const keysOf = (codec: CallbackCodec<unknown>) => Object.keys(codec.schema.shape);

/** Field values that look almost right: ids of other kinds, stale or huge versions, codes, junk. */
const fieldValue = fc.oneof(
  fc.stringMatching(/^[a-f0-9]{24}$/),
  fc.stringMatching(/^[A-F0-9]{24}$/),
  fc.stringMatching(/^[a-f0-9]{23,25}$/),
  fc.nat().map(String),
  fc.constantFrom('0', '-1', '999999999', '1000000000', '1e3', '0x10', 'NaN', '', ' ', 'all', 'null'),
  fc.constantFrom('received', 'canceled', 'import', 'price', 'uk', 'en', 'prom', 'rozetka', 'n', 's', '1'),
  fc.string({ maxLength: 30 }),
  oddUnicode,
  markupText,
  fc.constant(HUGE_TEXT),
);

/** A real codec's prefix with fields that are missing, extra, or mangled. */
const nearMiss = fc
  .record({
    codec: fc.constantFrom(...codecs),
    fields: fc.array(fieldValue, { maxLength: 6 }),
    exactCount: fc.boolean(),
  })
  .map(({ codec, fields, exactCount }) => {
    const count = keysOf(codec).length;
    const used = exactCount ? Array.from({ length: count }, (_, i) => fields[i] ?? '') : fields;
    return [codec.prefix, ...used].join(':');
  });

const anyData = fc.oneof(
  nearMiss,
  nearMiss,
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.constant(HUGE_TEXT),
);

/** What unpack returned must be what the schema makes of those fields, and must pack back the same. */
function expectWellFormed(codec: CallbackCodec<unknown>, data: string, value: unknown) {
  const fields = data.split(':').slice(1);
  const parsed = codec.schema.safeParse(Object.fromEntries(keysOf(codec).map((key, i) => [key, fields[i]])));
  expect(parsed.success).toBe(true);
  expect(value).toEqual(parsed.data);
  const packed = codec.pack(value);
  expect(Buffer.byteLength(packed)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
  expect(codec.unpack(packed)).toEqual(value);
}

describe('What bad input gets: callback data', () => {
  it('every codec in the source is registered, and no two share a prefix', () => {
    const registered = codecs.map((codec) => codec.prefix);
    expect(new Set(registered).size).toBe(registered.length);
    expect([...registered].sort()).toEqual([...new Set(prefixesInSource(SRC))].sort());
  });

  it('no codec claims data meant for another (filters do not overlap)', () => {
    for (const codec of codecs) {
      for (const other of codecs) {
        if (other !== codec) expect(codec.filter.test(`${other.prefix}:x`)).toBe(false);
      }
    }
  });

  it('unpack never throws and returns only well-formed values, whatever the data', () => {
    fc.assert(
      fc.property(anyData, (data) => {
        for (const codec of codecs) {
          let value: unknown = null;
          expect(() => (value = codec.unpack(data))).not.toThrow();
          if (value !== null) expectWellFormed(codec, data, value);
        }
      }),
      RUNS,
    );
  });
});
