import sharp from 'sharp';
import { IMAGE_FORMATS } from './image-formats';
import { differenceHash } from './perceptual-hash';

/** Why an image is not imported; the import lists it with this sentence. */
export class ImageSkip extends Error {
  override name = 'ImageSkip';
}

export interface DecodeLimits {
  /** Larger images are refused before decoding (decompression bombs). */
  maxPixels: number;
  /** The thumbnail's longer edge. */
  thumbnailSize: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxPixels: 100_000_000, thumbnailSize: 256 };

export interface DecodedImage {
  format: string;
  /** Upright size: EXIF orientation applied. */
  width: number;
  height: number;
  /** WebP, upright, longer edge at most thumbnailSize. */
  thumbnail: Buffer;
  dhash: string;
}

/**
 * Checks and decodes an image file's bytes once: the format is read from the bytes (not the
 * name), the pixel count is checked from the header before any decoding, and a truncated or
 * corrupt file fails here (sharp's failOn 'warning'). Produces the thumbnail and the
 * perceptual hash from the same decode.
 */
export async function decodeImage(bytes: Buffer, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): Promise<DecodedImage> {
  if (bytes.length === 0) throw new ImageSkip('an empty file (0 bytes)');
  const open = () => sharp(bytes, { failOn: 'warning', limitInputPixels: limits.maxPixels });
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageSkip(`not a readable image (${(error as Error).message})`);
  }
  if (!metadata.format || !IMAGE_FORMATS.has(metadata.format)) throw new ImageSkip(`an image in ${metadata.format ?? 'an unknown'} format: import PNG, JPEG or WebP`);
  const { width = 0, height = 0 } = metadata;
  if (width * height > limits.maxPixels) {
    throw new ImageSkip(`${width}x${height} pixels, above the ${limits.maxPixels / 1e6} megapixel limit that guards against decompression bombs`);
  }
  try {
    const { data, info } = await open()
      .rotate() // EXIF orientation
      .resize(limits.thumbnailSize, limits.thumbnailSize, { fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const small = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    const quarterTurned = (metadata.orientation ?? 1) >= 5; // EXIF orientations 5-8 swap width and height
    return {
      format: metadata.format,
      width: quarterTurned ? height : width,
      height: quarterTurned ? width : height,
      thumbnail: await small().webp({ quality: 80 }).toBuffer(),
      dhash: await differenceHash(small()),
    };
  } catch (error) {
    throw new ImageSkip(`a broken or truncated image (${(error as Error).message})`);
  }
}
