import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clipText,
  escapeHtml,
  formatDateTime,
  formatMoney,
  plainTextLength,
  splitPlainText,
  truncateForTelegram,
} from '#src/notify/cards/format.js';
import { parseTelegramHtml } from '#src/sandbox/fake-telegram/html.js';

const NBSP = '\u00a0';
const KYIV = 'Europe/Kyiv';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function visibleText(html: string): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(`${parsed.error} in ${html}`);
  return parsed.text;
}

describe('escapeHtml', () => {
  it('escapes what Telegram HTML would read as markup', () => {
    expect(escapeHtml(`<b>"Кава" & 'чай'</b>`)).toBe(
      '&lt;b&gt;&quot;Кава&quot; &amp; &#39;чай&#39;&lt;/b&gt;',
    );
  });

  it('round-trips any text through Telegram HTML parsing', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => visibleText(escapeHtml(text)) === text));
  });
});

describe('formatMoney', () => {
  it('formats kopiyky as hryvnias in Ukrainian', () => {
    expect(formatMoney(171_300)).toBe(`1${NBSP}713,00${NBSP}грн`);
    expect(formatMoney(5)).toBe(`0,05${NBSP}грн`);
    expect(formatMoney(0)).toBe(`0,00${NBSP}грн`);
    expect(formatMoney(-123_456_789)).toBe(`-1${NBSP}234${NBSP}567,89${NBSP}грн`);
  });

  it('names other currencies by code and formats English the English way', () => {
    expect(formatMoney(171_300, 'USD', 'uk')).toBe(`1${NBSP}713,00${NBSP}USD`);
    expect(formatMoney(171_300, 'UAH', 'en')).toBe(`UAH${NBSP}1,713.00`);
    expect(formatMoney(-99, 'UAH', 'en')).toBe(`-UAH${NBSP}0.99`);
  });

  it('stays exact where floating point would drift', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe(
      `90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,91${NBSP}грн`,
    );
    expect(formatMoney(10 + 20)).toBe(`0,30${NBSP}грн`);
  });

  it('keeps every digit of any whole amount', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (kop) => {
        const digits = formatMoney(kop).replace(/\D/g, '');
        return digits === String(Math.abs(kop)).padStart(3, '0');
      }),
    );
  });

  it('refuses amounts that are not whole kopiyky', () => {
    expect(() => formatMoney(10.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('shows Kyiv winter time (UTC+2)', () => {
    expect(formatDateTime(new Date('2026-11-23T12:05:00Z'), KYIV, 'uk')).toBe('23.11.2026 14:05');
    expect(formatDateTime(new Date('2026-11-23T12:05:00Z'), KYIV, 'en')).toBe('23 Nov 2026, 14:05');
  });

  it('shows Kyiv summer time (UTC+3)', () => {
    expect(formatDateTime(new Date('2026-07-01T11:05:00Z'), KYIV, 'uk')).toBe('01.07.2026 14:05');
  });

  it('jumps from 02:59 to 04:00 on the last Sunday of March', () => {
    expect(formatDateTime(new Date('2026-03-29T00:59:00Z'), KYIV, 'uk')).toBe('29.03.2026 02:59');
    expect(formatDateTime(new Date('2026-03-29T01:00:00Z'), KYIV, 'uk')).toBe('29.03.2026 04:00');
  });

  it('shows 03:30 twice on the last Sunday of October', () => {
    expect(formatDateTime(new Date('2026-10-25T00:30:00Z'), KYIV, 'uk')).toBe('25.10.2026 03:30');
    expect(formatDateTime(new Date('2026-10-25T01:30:00Z'), KYIV, 'uk')).toBe('25.10.2026 03:30');
  });

  it('writes midnight as 00:00 and rolls the date over in the shop time zone', () => {
    expect(formatDateTime(new Date('2026-12-31T22:00:00Z'), KYIV, 'uk')).toBe('01.01.2027 00:00');
    expect(formatDateTime(new Date('2026-12-31T22:00:00Z'), 'UTC', 'uk')).toBe('31.12.2026 22:00');
  });
});

describe('plainTextLength', () => {
  it('counts the text Telegram sees, in UTF-16 code units', () => {
    expect(plainTextLength('<b>a&amp;b</b>')).toBe(3);
    expect(plainTextLength('<a href="https://prom.ua">Prom</a>')).toBe(4);
    expect(plainTextLength('😀')).toBe(2);
    expect(plainTextLength('&#128512;&#x41;')).toBe(3);
  });
});

describe('truncateForTelegram', () => {
  it('leaves text that fits alone', () => {
    const html = '<b>Замовлення</b> &amp; товари';
    expect(truncateForTelegram(html, 20)).toBe(html);
  });

  it('closes the tags left open and marks the cut', () => {
    const result = truncateForTelegram('<b>bold <i>italic text here</i></b> tail', 12);
    expect(result).toBe('<b>bold <i>italic…</i></b>');
    expect(plainTextLength(result)).toBeLessThanOrEqual(12);
  });

  it('never cuts inside an entity or a surrogate pair', () => {
    const entities = truncateForTelegram('&amp;'.repeat(10), 5);
    expect(entities).toBe('&amp;&amp;&amp;&amp;…');
    const emoji = truncateForTelegram('😀'.repeat(10), 6);
    expect(emoji).toBe('😀😀…');
    expect(emoji).not.toMatch(LONE_SURROGATE);
  });

  it('drops tags that would be empty and spaces before the mark', () => {
    expect(truncateForTelegram('one two <b>three</b>', 9)).toBe('one two…');
  });

  it('always gives valid HTML within the limit', () => {
    const { node } = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'grapheme', maxLength: 30 }).map(escapeHtml),
        fc
          .tuple(fc.constantFrom('b', 'i', 'blockquote'), fc.array(tie('node'), { maxLength: 4 }))
          .map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
      ),
    }));
    const balanced = fc.array(node, { maxLength: 8 }).map((nodes) => nodes.join('\n'));
    fc.assert(
      fc.property(balanced, fc.integer({ min: 2, max: 200 }), (html, limit) => {
        const result = truncateForTelegram(html, limit);
        const parsed = parseTelegramHtml(result);
        return parsed.ok && parsed.text.length <= limit && !LONE_SURROGATE.test(parsed.text);
      }),
    );
  });
});

describe('clipText', () => {
  it('shortens with a mark and keeps emoji whole', () => {
    expect(clipText('короткий', 20)).toBe('короткий');
    expect(clipText('Дуже довгий коментар', 12)).toBe('Дуже довгий…');
    expect(clipText('ab🇺🇦🇺🇦', 5)).toBe('ab…');
  });
});

describe('splitPlainText', () => {
  it('keeps a short text whole', () => {
    expect(splitPlainText('Добрий день!')).toEqual(['Добрий день!']);
  });

  it('breaks at a line, then at a space, in the second half of a chunk', () => {
    expect(splitPlainText('перший рядок\nдругий рядок', 20)).toEqual(['перший рядок', 'другий рядок']);
    expect(splitPlainText('one two three four five', 10)).toEqual(['one two', 'three four', 'five']);
  });

  it('cuts a word longer than a chunk without splitting emoji', () => {
    const chunks = splitPlainText('😀'.repeat(5), 5);
    expect(chunks).toEqual(['😀😀', '😀😀', '😀']);
  });

  it('keeps a flag (two code points) in one chunk', () => {
    expect(splitPlainText('abc🇺🇦', 5)).toEqual(['abc', '🇺🇦']);
  });

  it('splits a 10 000-character buyer message into Telegram-sized chunks', () => {
    const message = Array.from({ length: 1000 }, (_, i) => `слово${i} 😀`).join(' ');
    const chunks = splitPlainText(message);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(4096);
      expect(chunk).not.toMatch(LONE_SURROGATE);
    }
    expect(chunks.join(' ')).toBe(message);
  });

  it('loses nothing but the break characters, for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 2, max: 50 }),
        (text, limit) => {
          const chunks = splitPlainText(text, limit);
          const rest = chunks.join('').replace(/\s/g, '');
          return (
            chunks.every((chunk) => chunk.length <= limit && !LONE_SURROGATE.test(chunk)) &&
            rest === text.replace(/\s/g, '')
          );
        },
      ),
    );
  });

  it('refuses a limit that cannot hold an emoji', () => {
    expect(() => splitPlainText('abc', 1)).toThrow(RangeError);
  });
});
