import { Writable } from 'node:stream';
import fc from 'fast-check';
import { createLogger } from '#src/logger.js';

/** 100 KB of UTF-8 text, the size a broken or hostile payload may carry in one field. */
export const HUGE_TEXT = 'Ж'.repeat(50_000);

/** Text that breaks naive code: bidi overrides, zero-width joiners, emoji sequences, lone surrogates. */
export const oddUnicode = fc.constantFrom(
  '\u202Eдесяток\u202C',
  'a\u200Bb\u200Cc\u200Dd\uFEFF',
  '👩‍👩‍👧‍👦🇺🇦🧨',
  '\uD800',
  'x\uDFFFy',
  'עברית العربية',
  '\u0000\u0007\u001b[31m',
  '',
  '   ',
);

/** Text that means something to HTML or Markdown. */
export const markupText = fc.constantFrom(
  '<b>bold</b>',
  '</a>',
  '<a href="x">',
  'a < b > c & d',
  '&amp;lt;',
  '&lt;script&gt;',
  '&#x41;&#65;',
  '*bold* _it_ `code` [link](http://x) ~strike~',
  '<<>>&&;;',
  '</code></pre>',
);

/** A value of the wrong kind for almost any field. */
export const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string(),
  fc.constant([]),
  fc.constant({}),
  fc.constant([[1], { a: [2] }]),
  fc.constant(HUGE_TEXT),
  oddUnicode,
  markupText,
);

type Json = Record<string, unknown> | unknown[];

/** Every path to a value inside a JSON document (object keys and array indexes). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** One edit to a payload: the `pick`-th path (modulo) is removed, or replaced by `value`. */
export const payloadEdit = fc.record({
  pick: fc.nat(),
  remove: fc.boolean(),
  value: wrongValue,
});
export type PayloadEdit = { pick: number; remove: boolean; value: unknown };

/** A deep copy of `payload` with the edits applied. */
export function mangle<T extends Json>(payload: T, edits: PayloadEdit[]): T {
  const copy = structuredClone(payload);
  for (const edit of edits) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const path = paths[edit.pick % paths.length] as (string | number)[];
    let parent: Record<string | number, unknown> = copy as Record<string, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path.at(-1) as string | number;
    if (edit.remove && Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (edit.remove) delete parent[last];
    else parent[last] = edit.value;
  }
  return copy;
}

/** A trace-level logger that keeps every line, to read what the app logged. */
export function memoryLogger(level = 'trace') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  /** the lines as pino wrote them: level number and message */
  const records = () => lines.map((line) => JSON.parse(line) as { level: number; msg: string });
  return { logger: createLogger(level, {}, sink), lines, records };
}

/** A chat text or callback answer that shows code internals instead of plain words. */
export const looksLikeAStack = (text: string) =>
  /\bError\b|^\s*at \S+ \(|\n\s+at |node_modules|\.ts:\d+/m.test(text);
