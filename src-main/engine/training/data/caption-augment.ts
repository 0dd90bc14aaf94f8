import type { SeededGenerator } from '../../random';

export interface CaptionAugmentOptions {
  /** Probability of training on the empty caption instead (for unconditional guidance). */
  dropoutRate?: number;
  /** Shuffle the comma-separated tags... */
  shuffleTags?: boolean;
  /** ...except the first keepTags, which stay in place (kohya's keep_tokens). */
  keepTags?: number;
  /** Put first in every caption (moved there if the caption already has it as a tag). */
  triggerWord?: string;
}

/** Splits on commas, trimming and dropping empty tags. */
export function splitTags(caption: string): string[] {
  return caption
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

/**
 * The caption for one training sample. Draws come from `rng` in a fixed order (dropout, then
 * the shuffle) so a resumed run with the same generator state produces the same captions.
 */
export function augmentCaption(caption: string, options: CaptionAugmentOptions, rng: SeededGenerator): string {
  const dropoutRate = options.dropoutRate ?? 0;
  if (!(dropoutRate >= 0 && dropoutRate <= 1)) throw new Error(`caption dropout rate must be in [0, 1], got ${dropoutRate}`);
  if (dropoutRate > 0 && rng.uniform() < dropoutRate) return '';
  const trigger = options.triggerWord?.trim() ?? '';
  let tags = splitTags(caption);
  if (trigger) tags = tags.filter((tag) => tag !== trigger);
  if (options.shuffleTags) {
    const keep = Math.max(0, Math.floor(options.keepTags ?? 0));
    tags = [...tags.slice(0, keep), ...shuffled(tags.slice(keep), rng)];
  }
  return (trigger ? [trigger, ...tags] : tags).join(', ');
}

/** Fisher–Yates with the seeded generator; the input is not changed. */
export function shuffled<T>(items: readonly T[], rng: SeededGenerator): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
