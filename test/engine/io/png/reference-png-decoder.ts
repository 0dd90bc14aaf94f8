import { crc32, inflateSync } from 'node:zlib';

/**
 * An independent, test-only PNG decoder for 8-bit RGB/RGBA non-interlaced files: it checks every
 * CRC with zlib's own crc32, inflates the IDAT stream and undoes all five scanline filters. It
 * shares no code with the writer, so agreement means the file is a real PNG.
 */
export interface DecodedPng {
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
  chunkTypes: string[];
  filterTypes: number[];
}

export function decodeReferencePng(file: Uint8Array): DecodedPng {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.subarray(0, 8).toString('latin1') !== '\x89PNG\r\n\x1a\n') throw new Error('bad signature');
  const chunkTypes: string[] = [];
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.subarray(at + 4, at + 8).toString('latin1');
    const body = buf.subarray(at + 8, at + 8 + length);
    if (crc32(buf.subarray(at + 4, at + 8 + length)) !== buf.readUInt32BE(at + 8 + length)) throw new Error(`bad CRC in ${type}`);
    chunkTypes.push(type);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  if (header[8] !== 8 || header[12] !== 0) throw new Error('test decoder handles 8-bit non-interlaced only');
  const channels = header[9] === 2 ? 3 : header[9] === 6 ? 4 : 0;
  if (!channels) throw new Error(`unsupported color type ${header[9]}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  const filterTypes: number[] = [];
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    filterTypes.push(filter);
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let predictor: number;
      if (filter === 0) predictor = 0;
      else if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = Math.floor((a + b) / 2);
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw new Error(`bad filter type ${filter}`);
      pixels[y * stride + x] = (value + predictor) % 256;
    }
  }
  return { width, height, channels, pixels, chunkTypes, filterTypes };
}
