import { basename } from 'node:path';
import type { DatasetItem } from './dataset';

/**
 * Upscaling an image more than this blurs it visibly, and the adapter then learns the blur as
 * part of the style (a 1x1 image becomes a flat square).
 */
export const MAX_TRAINING_UPSCALE = 2;

/** The items whose source is enlarged more than `maxUpscale` times to reach its training size. */
export function upscaledItems(items: readonly DatasetItem[], maxUpscale = MAX_TRAINING_UPSCALE): DatasetItem[] {
  return items.filter((item) => item.crop.resizedWidth / item.sourceSize.width > maxUpscale);
}

/** One warning with the count and the first few names, or null when every image is large enough. */
export function lowResolutionWarning(items: readonly DatasetItem[], label = 'training images', maxUpscale = MAX_TRAINING_UPSCALE): string | null {
  const small = upscaledItems(items, maxUpscale);
  if (small.length === 0) return null;
  const shown = small.slice(0, 5).map((i) => `${basename(i.image)} (${i.sourceSize.width}x${i.sourceSize.height})`);
  const more = small.length > shown.length ? ` and ${small.length - shown.length} more` : '';
  const size = `${small[0].size.width}x${small[0].size.height}`;
  return (
    `${small.length} of ${items.length} ${label} are far below the training size of ${size} (enlarged more than ${maxUpscale}x, ` +
    `so the adapter learns their blur): ${shown.join(', ')}${more}. Remove them, replace them with larger versions, or train at a lower resolution`
  );
}
