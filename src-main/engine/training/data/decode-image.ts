import sharp from 'sharp';
import type { Size } from './aspect-buckets';
import type { CropBox } from './cover-crop';

/** 8-bit sRGB pixels, interleaved RGB, row-major: (height, width, 3). */
export interface Rgb8Image {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Decodes to upright 8-bit sRGB: EXIF orientation applied, alpha flattened onto white,
 * greyscale/CMYK/16-bit converted. sharp's default failOn ('warning') rejects truncated files.
 */
function uprightRgb(bytes: Uint8Array): sharp.Sharp {
  return sharp(bytes, { failOn: 'warning', limitInputPixels: 16384 * 16384 })
    .rotate()
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .toColourspace('srgb');
}

/** The upright size, decoding every pixel so broken or truncated files fail here, not mid-training. */
export async function probeImage(bytes: Uint8Array): Promise<Size> {
  if (bytes.byteLength === 0) throw new Error('empty file (0 bytes)');
  const { info } = await uprightRgb(bytes).raw().toBuffer({ resolveWithObject: true });
  if (info.width <= 0 || info.height <= 0) throw new Error(`decoded to an empty ${info.width}x${info.height} image`);
  return { width: info.width, height: info.height };
}

/** The training pixels: resize to the crop's cover size, cut its window, optionally mirror left-right. */
export async function decodeCropped(bytes: Uint8Array, crop: CropBox, flip: boolean): Promise<Rgb8Image> {
  let pipeline = uprightRgb(bytes)
    .removeAlpha()
    .resize(crop.resizedWidth, crop.resizedHeight, { fit: 'fill', kernel: 'lanczos3' })
    .extract({ left: crop.left, top: crop.top, width: crop.width, height: crop.height });
  if (flip) pipeline = pipeline.flop();
  const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== crop.width || info.height !== crop.height) {
    throw new Error(`decoded to ${info.width}x${info.height}x${info.channels}, expected ${crop.width}x${crop.height}x3`);
  }
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}
