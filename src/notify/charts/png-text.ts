import { crc32 } from 'node:zlib';

/**
 * Puts a tEXt chunk right after a PNG's header chunk (PNG spec 11.3.4.3): keyword, a zero byte,
 * then Latin-1 text. The charts carry the series they were drawn from this way, so a test (or
 * anyone curious) can read what the picture shows; the JSON is kept to ASCII.
 */
const SIGNATURE_BYTES = 8;
const IHDR_CHUNK_BYTES = 4 + 4 + 13 + 4;

export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function withTextChunk(png: Buffer, keyword: string, text: string): Buffer {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error('a PNG keyword is 1-79 printable Latin-1 chars');
  if (!/^[\x20-\x7e\n]*$/.test(text)) throw new Error('the tEXt text must be printable ASCII here');
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const typeAndData = Buffer.concat([Buffer.from('tEXt', 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  const headerEnd = SIGNATURE_BYTES + IHDR_CHUNK_BYTES;
  return Buffer.concat([png.subarray(0, headerEnd), length, typeAndData, crc, png.subarray(headerEnd)]);
}
