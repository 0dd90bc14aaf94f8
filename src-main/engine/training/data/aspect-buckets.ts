/**
 * Aspect-ratio buckets as kohya sd-scripts makes them: every width from minSide to maxSide in
 * steps of `step` paired with the largest height (a multiple of `step`, at most maxSide) whose
 * area stays within resolution^2, plus the transposed pairs. An image goes to the bucket whose
 * aspect ratio is closest to its own, so crops lose as little as possible.
 */

export interface Size {
  width: number;
  height: number;
}

export interface BucketOptions {
  /** Side of the square training resolution; bucket areas stay <= resolution^2. */
  resolution: number;
  minSide?: number;
  maxSide?: number;
  /** Bucket sides are multiples of this (64 keeps latents divisible by the UNet's downsamplings). */
  step?: number;
}

export function bucketResolutions({ resolution, minSide = 256, maxSide = 1024, step = 64 }: BucketOptions): Size[] {
  for (const [name, value] of Object.entries({ resolution, minSide, maxSide, step })) {
    if (!(Number.isSafeInteger(value) && value > 0)) throw new Error(`aspect buckets: ${name} must be a positive integer, got ${value}`);
  }
  if (resolution % step !== 0) throw new Error(`aspect buckets: resolution ${resolution} is not a multiple of ${step}`);
  if (minSide > maxSide) throw new Error(`aspect buckets: minSide ${minSide} > maxSide ${maxSide}`);
  const maxArea = resolution * resolution;
  const seen = new Map<string, Size>();
  const add = (width: number, height: number) => seen.set(`${width}x${height}`, { width, height });
  add(resolution, resolution);
  for (let width = Math.ceil(minSide / step) * step; width <= maxSide; width += step) {
    const height = Math.min(maxSide, Math.floor(maxArea / width / step) * step);
    if (height < minSide || height < step) continue;
    add(width, height);
    add(height, width);
  }
  return [...seen.values()].sort((a, b) => a.width / a.height - b.width / b.height || a.width - b.width);
}

/** The bucket whose aspect ratio is nearest the image's (ties: the first, i.e. the narrower). */
export function chooseBucket(image: Size, buckets: readonly Size[]): Size {
  if (buckets.length === 0) throw new Error('aspect buckets: no buckets to choose from');
  const ratio = image.width / image.height;
  let best = buckets[0];
  for (const bucket of buckets) {
    if (Math.abs(bucket.width / bucket.height - ratio) < Math.abs(best.width / best.height - ratio)) best = bucket;
  }
  return best;
}

export function bucketKey(size: Size): string {
  return `${size.width}x${size.height}`;
}
