/** The IHDR fields this module writes and reads (8-bit, non-interlaced images). */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
  colorType: number;
  interlace: number;
}

/** 13 bytes: width, height (big-endian u32), bit depth, color type, compression 0, filter 0, interlace. */
export function encodeHeader(h: PngHeader): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, h.width);
  view.setUint32(4, h.height);
  data.set([h.bitDepth, h.colorType, 0, 0, h.interlace], 8);
  return data;
}

export function decodeHeader(data: Uint8Array): PngHeader {
  if (data.length !== 13) throw new Error(`PNG IHDR must be 13 bytes, got ${data.length}`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { width: view.getUint32(0), height: view.getUint32(4), bitDepth: data[8], colorType: data[9], interlace: data[12] };
}
