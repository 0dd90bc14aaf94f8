import sharp from 'sharp';

/**
 * A 64-bit difference hash (dHash): the image in grey at 9x8, one bit per horizontally
 * adjacent pair (is the left pixel darker?). Resizing, recompression and small colour
 * changes move few bits; different pictures differ in about half. 16 hex digits.
 */
export async function differenceHash(image: sharp.Sharp): Promise<string> {
  const { data } = await image.greyscale().resize(9, 8, { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer({ resolveWithObject: true });
  let hex = '';
  for (let row = 0; row < 8; row++) {
    let byte = 0;
    for (let x = 0; x < 8; x++) byte = (byte << 1) | (data[row * 9 + x] < data[row * 9 + x + 1] ? 1 : 0);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/** Bits that differ between two 16-hex-digit hashes (0-64). */
export function hammingDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x !== 0) {
      x &= x - 1;
      distance++;
    }
  }
  return distance;
}
