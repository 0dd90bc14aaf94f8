/** Safetensors data is little-endian; typed arrays use the host's order, which almost always agrees. */
export const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses each `width`-byte word in place (only needed on big-endian hosts). */
export function swapWordBytes(bytes: Uint8Array, width: number): void {
  for (let word = 0; word + width <= bytes.length; word += width) {
    for (let i = 0, j = word + width - 1; i < width / 2; i++, j--) {
      const k = word + i;
      const t = bytes[k];
      bytes[k] = bytes[j];
      bytes[j] = t;
    }
  }
}
