import { badInput } from '../../errors';

/**
 * The largest requests txt2img takes, whatever the memory: beyond them a request is a typo
 * or a mistake, not a picture (SD 1.5 was trained at 512 px, on 1000 noise levels).
 */
export const TXT2IMG_LIMITS = {
  /** Width and height, in pixels. */
  maxSide: 2048,
  /** Denoising steps: more than the schedule's 1000 training noise levels add nothing. */
  maxSteps: 1000,
  /** Images per batch (for more, run again with the next seeds). */
  maxBatch: 16,
} as const;

/** What txt2img uses for a setting the request leaves out (the seed: a random one). */
export const TXT2IMG_DEFAULTS = { steps: 20, cfgScale: 7.5, width: 512, height: 512, batch: 1, clipSkip: 1 } as const;

export interface Txt2ImgSettings {
  steps: number;
  batch: number;
  width: number;
  height: number;
  cfgScale: number;
  seed: number;
  clipSkip: number;
}

/**
 * What can be checked without the model: positive integers within TXT2IMG_LIMITS, a CFG scale
 * >= 0, a 32-bit seed. Callers may run it before loading anything; txt2img always runs it.
 */
export function checkTxt2ImgSettings(given: Partial<Txt2ImgSettings>): void {
  const r = { ...TXT2IMG_DEFAULTS, seed: 0 };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) Object.assign(r, { [key]: value });
  const count = (name: string, value: number, max: number, unit = '') => {
    if (!Number.isInteger(value) || value < 1) throw badInput(`${name} must be a positive integer, got ${value}`);
    if (value > max) throw badInput(`${name} ${value}${unit} is above the limit of ${max}${unit}`);
  };
  count('width', r.width, TXT2IMG_LIMITS.maxSide, ' px');
  count('height', r.height, TXT2IMG_LIMITS.maxSide, ' px');
  count('steps', r.steps, TXT2IMG_LIMITS.maxSteps);
  count('batch', r.batch, TXT2IMG_LIMITS.maxBatch);
  count('clip skip', r.clipSkip, Number.MAX_SAFE_INTEGER);
  if (!Number.isFinite(r.cfgScale) || r.cfgScale < 0) throw badInput(`CFG scale must be a number >= 0, got ${r.cfgScale}`);
  if (!Number.isInteger(r.seed) || r.seed < 0 || r.seed >= 2 ** 32) throw badInput(`seed must be an integer in [0, 2^32), got ${r.seed}`);
}
