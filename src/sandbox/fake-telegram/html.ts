/**
 * Telegram's HTML parse mode, as far as the fake needs it: rejects what the real API
 * rejects ("can't parse entities") and returns the text a user would see.
 */
const ALLOWED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'tg-spoiler',
  'span',
  'blockquote',
  'tg-emoji',
]);
const ENTITY_VALUES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export type HtmlParseResult = { ok: true; text: string } | { ok: false; error: string };

export function parseTelegramHtml(html: string): HtmlParseResult {
  const open: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const char = html[i] as string;
    if (char === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) return { ok: false, error: `Unsupported start tag at byte offset ${i}` };
      const raw = html.slice(i + 1, end).trim();
      const closing = raw.startsWith('/');
      const name = (closing ? raw.slice(1) : raw).split(/\s/)[0]?.toLowerCase() ?? '';
      if (!ALLOWED_TAGS.has(name))
        return { ok: false, error: `Unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (open.pop() !== name) return { ok: false, error: `Unmatched end tag at byte offset ${i}` };
      } else {
        open.push(name);
      }
      i = end + 1;
      continue;
    }
    if (char === '&') {
      const end = html.indexOf(';', i);
      const name = end > 0 ? html.slice(i + 1, end) : '';
      const numeric = /^#(\d+|x[0-9a-f]+)$/i.test(name);
      if (!numeric && !(name in ENTITY_VALUES)) {
        return { ok: false, error: `Character entity expected at byte offset ${i}` };
      }
      text += numeric
        ? String.fromCodePoint(
            name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10),
          )
        : ENTITY_VALUES[name];
      i = end + 1;
      continue;
    }
    text += char;
    i++;
  }
  if (open.length > 0)
    return { ok: false, error: `Can't find end tag corresponding to start tag "${open.at(-1)}"` };
  return { ok: true, text };
}
