/**
 * The few SVG elements the charts are made of. Text is drawn with the bundled DejaVu Sans
 * (render.ts loads it explicitly; the image has no system fonts).
 */
export const FONT_FAMILY = 'DejaVu Sans';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeXml = (value: string) => value.replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char);
const n = (value: number) => String(Math.round(value * 10) / 10);

export function rect(x: number, y: number, width: number, height: number, fill: string): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, width))}" height="${n(Math.max(0, height))}" fill="${fill}"/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 2): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${width}"/>`;
}

export interface TextStyle {
  size: number;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
}

export function text(x: number, y: number, content: string, style: TextStyle): string {
  const attributes = [
    `x="${n(x)}"`,
    `y="${n(y)}"`,
    `font-size="${style.size}"`,
    `fill="${style.fill ?? '#1f2933'}"`,
    `text-anchor="${style.anchor ?? 'start'}"`,
    ...(style.bold ? ['font-weight="bold"'] : []),
  ];
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`;
}

export function svgDocument(width: number, height: number, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
    rect(0, 0, width, height, '#ffffff'),
    ...body,
    '</svg>',
  ].join('\n');
}

/** Cuts a label to about `maxChars` characters (DejaVu Sans is about 0.6 em per character). */
export function fitLabel(label: string, maxChars: number): string {
  const chars = [...label];
  return chars.length <= maxChars ? label : `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`;
}

/** Characters of a `size`-px label that fit in `width` px. */
export const charsIn = (width: number, size: number) => Math.floor(width / (size * 0.62));
