import { crc32 } from 'node:zlib';

export interface PngFacts {
  width: number;
  height: number;
  bytes: number;
  /** tEXt chunks by keyword */
  texts: Record<string, string>;
}

/**
 * Reads what a test needs from a PNG, chunk by chunk as the PNG spec lays them out, checking
 * each chunk's CRC: width and height from IHDR, and every tEXt chunk.
 */
export function readPng(png: Buffer): PngFacts {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature)) throw new Error('not a PNG');
  const texts: Record<string, string> = {};
  let width = 0;
  let height = 0;
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0 !== crc)
      throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    }
    if (type === 'tEXt') {
      const zero = data.indexOf(0);
      texts[data.toString('latin1', 0, zero)] = data.toString('latin1', zero + 1);
    }
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  return { width, height, bytes: png.length, texts };
}
