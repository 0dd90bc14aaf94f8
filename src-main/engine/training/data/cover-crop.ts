import type { Size } from './aspect-buckets';

/**
 * Where a training image came from: the source was resized (keeping its aspect ratio) to
 * resizedWidth x resizedHeight so it covers the target, then the target-sized window at
 * (left, top) was cut out. The latent cache keys on it; SDXL-style crop conditioning can use it.
 */
export interface CropBox {
  resizedWidth: number;
  resizedHeight: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Cover resize + centre crop of `source` to `target`. */
export function centreCoverCrop(source: Size, target: Size): CropBox {
  if (!(source.width > 0 && source.height > 0)) throw new Error(`cover crop: empty source ${source.width}x${source.height}`);
  const scale = Math.max(target.width / source.width, target.height / source.height);
  // Rounding could undershoot the target by a pixel; never let the resized image be smaller.
  const resizedWidth = Math.max(target.width, Math.round(source.width * scale));
  const resizedHeight = Math.max(target.height, Math.round(source.height * scale));
  return {
    resizedWidth,
    resizedHeight,
    left: Math.floor((resizedWidth - target.width) / 2),
    top: Math.floor((resizedHeight - target.height) / 2),
    width: target.width,
    height: target.height,
  };
}
