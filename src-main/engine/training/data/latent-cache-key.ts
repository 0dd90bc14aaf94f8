import { createHash } from 'node:crypto';
import type { CropBox } from './cover-crop';

/** Everything a cached latent depends on; any change means a different file. */
export interface LatentKeyParts {
  /** sha256 of the image file's bytes. */
  imageHash: string;
  crop: CropBox;
  flip: boolean;
  vaeId: string;
}

const KEY_VERSION = 1;

/** The parts in a fixed field order, as stored in each cache file's metadata. */
export function describeLatentKey(parts: LatentKeyParts): string {
  const { resizedWidth, resizedHeight, left, top, width, height } = parts.crop;
  return JSON.stringify({
    version: KEY_VERSION,
    image: parts.imageHash,
    crop: [resizedWidth, resizedHeight, left, top, width, height],
    flip: parts.flip,
    vae: parts.vaeId,
  });
}

/** The cache file's name stem: sha256 of the description. */
export function latentKey(parts: LatentKeyParts): string {
  return createHash('sha256').update(describeLatentKey(parts)).digest('hex');
}
