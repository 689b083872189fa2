import type { Locale } from '#src/config/locales.js';
/**
 * Text helpers for Telegram messages: HTML escaping, money and dates, and keeping text within
 * Telegram's limits without breaking tags, entities or characters.
 */

/** Telegram's limit for a message text, counted after entity parsing (UTF-16 code units). */
export const TELEGRAM_TEXT_LIMIT = 4096;

const ELLIPSIS = '…';
const NBSP = '\u00a0';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

export function formatMoney(kop: number, currency = 'UAH', locale: Locale = 'uk'): string {
  if (!Number.isSafeInteger(kop)) throw new RangeError(`money must be whole kopiyky, got ${kop}`);
  const sign = kop < 0 ? '-' : '';
  const abs = Math.abs(kop);
  const fraction = String(abs % 100).padStart(2, '0');
  // subtracting the remainder first keeps the division exact even near Number.MAX_SAFE_INTEGER
  const whole = String((abs - (abs % 100)) / 100);
  if (locale === 'uk') {
    const unit = currency === 'UAH' ? 'грн' : currency;
    return `${sign}${groupThousands(whole, NBSP)},${fraction}${NBSP}${unit}`;
  }
  return `${sign}${currency}${NBSP}${groupThousands(whole, ',')}.${fraction}`;
}

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string, locale: Locale): Intl.DateTimeFormat {
  const cacheKey = `${locale}|${timeZone}`;
  let format = dateTimeFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'uk' ? 'uk-UA' : 'en-GB', {
      timeZone,
      year: 'numeric',
      month: locale === 'uk' ? '2-digit' : 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(cacheKey, format);
  }
  return format;
}

/** uk: "23.11.2026 14:05"; en: "23 Nov 2026, 14:05" — always in the shop's time zone. */
export function formatDateTime(date: Date, timeZone: string, locale: Locale): string {
  const parts = Object.fromEntries(
    dateTimeFormat(timeZone, locale)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const time = `${parts.hour}:${parts.minute}`;
  return locale === 'uk'
    ? `${parts.day}.${parts.month}.${parts.year} ${time}`
    : `${parts.day} ${parts.month} ${parts.year}, ${time}`;
}

type HtmlToken =
  | { kind: 'open'; raw: string; name: string }
  | { kind: 'close'; raw: string; name: string }
  | { kind: 'text'; raw: string; text: string };

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const ENTITY_PATTERN = /&(#\d{1,7}|#x[0-9a-f]{1,6}|lt|gt|amp|quot);/iy;

function decodeEntity(name: string): string | null {
  if (!name.startsWith('#')) return NAMED_ENTITIES[name.toLowerCase()] ?? null;
  const hex = name[1]?.toLowerCase() === 'x';
  const codePoint = hex ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : null;
}

function readTag(html: string, start: number): HtmlToken | null {
  const end = html.indexOf('>', start);
  if (end < 0) return null;
  const raw = html.slice(start, end + 1);
  const inner = raw.slice(1, -1).trim();
  const closing = inner.startsWith('/');
  const name = (closing ? inner.slice(1) : inner).split(/\s/)[0]?.toLowerCase() ?? '';
  return { kind: closing ? 'close' : 'open', raw, name };
}

function readEntity(html: string, start: number): HtmlToken | null {
  ENTITY_PATTERN.lastIndex = start;
  const match = ENTITY_PATTERN.exec(html);
  const text = match?.[1] === undefined ? null : decodeEntity(match[1]);
  return match && text !== null ? { kind: 'text', raw: match[0], text } : null;
}

/** Tags, entities and single characters (whole code points) of Telegram HTML, in order. */
function* htmlTokens(html: string): Generator<HtmlToken> {
  let i = 0;
  while (i < html.length) {
    const char = String.fromCodePoint(html.codePointAt(i) ?? 0);
    const token = (char === '<' ? readTag(html, i) : null) ??
      (char === '&' ? readEntity(html, i) : null) ?? { kind: 'text', raw: char, text: char };
    yield token;
    i += token.raw.length;
  }
}

/** The length Telegram checks against its limit: the visible text, after tags and entities. */
export function plainTextLength(html: string): number {
  let length = 0;
  for (const token of htmlTokens(html)) if (token.kind === 'text') length += token.text.length;
  return length;
}

/**
 * Cuts rendered HTML so its visible text fits `limit`: only between tokens, never inside a
 * tag or an entity, then closes the tags left open and marks the cut with "…".
 */
export function truncateForTelegram(html: string, limit = TELEGRAM_TEXT_LIMIT): string {
  if (plainTextLength(html) <= limit) return html;
  const budget = limit - ELLIPSIS.length;
  const kept: HtmlToken[] = [];
  const open: string[] = [];
  let used = 0;
  for (const token of htmlTokens(html)) {
    if (token.kind === 'text') {
      if (used + token.text.length > budget) break;
      used += token.text.length;
    } else if (token.kind === 'open') {
      open.push(token.name);
    } else if (open.at(-1) === token.name) {
      open.pop();
    }
    kept.push(token);
  }
  dropDanglingTail(kept, open);
  const closing = open.toReversed().map((name) => `</${name}>`);
  return kept.map((token) => token.raw).join('') + ELLIPSIS + closing.join('');
}

/** Tags opened right before the cut would stay empty, and spaces before "…" look broken. */
function dropDanglingTail(kept: HtmlToken[], open: string[]): void {
  for (let last = kept.at(-1); last; last = kept.at(-1)) {
    if (last.kind === 'open') open.pop();
    else if (last.kind === 'close' || last.text.trim() !== '') return;
    kept.pop();
  }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The last index ≤ limit where text can be cut without splitting a character (or an emoji). */
function safeCutIndex(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  let cut = 0;
  // the whole code point after the limit must be seen to know whether a boundary is there
  for (const { index } of graphemes.segment(text.slice(0, limit + 2))) {
    if (index > limit) break;
    cut = index;
  }
  if (cut > 0) return cut;
  return isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
}

/** Shortens plain text to at most `max` code units, ending with "…" when cut. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, safeCutIndex(text, max - ELLIPSIS.length)).trimEnd() + ELLIPSIS;
}

/**
 * Splits plain text into messages of at most `limit` code units, preferring a line break,
 * then a space, in the second half of each chunk; the break character itself is dropped.
 */
export function splitPlainText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (limit < 2) throw new RangeError('a chunk must hold at least one surrogate pair');
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const { end, resume } = chunkBreak(rest, limit);
    chunks.push(rest.slice(0, end));
    rest = rest.slice(resume);
  }
  chunks.push(rest);
  return chunks;
}

function chunkBreak(text: string, limit: number): { end: number; resume: number } {
  const earliest = Math.max(1, Math.floor(limit / 2));
  const lineBreak = text.lastIndexOf('\n', limit);
  if (lineBreak >= earliest) return { end: lineBreak, resume: lineBreak + 1 };
  const space = lastWhitespaceIndex(text, limit, earliest);
  if (space >= 0) return { end: space, resume: space + 1 };
  const cut = safeCutIndex(text, limit);
  return { end: cut, resume: cut };
}

function lastWhitespaceIndex(text: string, from: number, earliest: number): number {
  for (let i = from; i >= earliest; i--) if (/\s/.test(text.charAt(i))) return i;
  return -1;
}
