import type * as tf from '@tensorflow/tfjs';
import type { SeededGenerator } from '../../random';
import { sampleTrainingLatents, type BatchStream, type CachedLatents, type DatasetItem, type LatentCache } from '../data';
import type { TrainingBatch } from '../objectives/objective';

/** DreamBooth's class-prior images: one is drawn (seeded) for every instance sample. */
export interface PriorPool {
  items: readonly DatasetItem[];
  caption: string;
  /** Picks the image (and its flip): saved in checkpoints like every other generator. */
  rng: SeededGenerator;
  flip: boolean;
}

/** Where a run's micro-batches come from: the dataset (BatchSource) or the teacher's prompts. */
export interface TrainingSource {
  /** The next micro-batch; the caller disposes its latents. */
  next(): Promise<TrainingBatch>;
}

/**
 * Turns the data stream's batches into objective batches: cached VAE latents, a fresh seeded
 * latent sample per image, the augmented captions, and (DreamBooth) as many prior samples
 * appended after the instance samples. All randomness comes from generators the trainer
 * checkpoints, so a resumed run builds the same batches.
 */
export class BatchSource implements TrainingSource {
  constructor(
    private readonly stream: BatchStream,
    private readonly cache: LatentCache,
    private readonly latentRng: SeededGenerator,
    private readonly scalingFactor: number,
    private readonly prior: PriorPool | null = null,
  ) {
    if (prior && prior.items.length === 0) throw new Error('DreamBooth: no prior images to train with');
  }

  /** The next micro-batch; the caller disposes its latents. */
  async next(): Promise<TrainingBatch> {
    const batch = this.stream.next();
    const latents: CachedLatents[] = [];
    const captions: string[] = [];
    for (const sample of batch.samples) {
      latents.push(await this.cache.get(sample.item, sample.flip));
      captions.push(sample.caption);
    }
    const prior: boolean[] = captions.map(() => false);
    if (this.prior) {
      for (let i = 0; i < batch.samples.length; i++) {
        const { items, rng, caption, flip } = this.prior;
        const item = items[Math.min(items.length - 1, Math.floor(rng.uniform() * items.length))];
        latents.push(await this.cache.get(item, flip && rng.uniform() < 0.5));
        captions.push(caption);
        prior.push(true);
      }
    }
    const sampled: tf.Tensor4D = sampleTrainingLatents(latents, this.latentRng, this.scalingFactor); // (B or 2B, h, w, C)
    return { latents: sampled, captions, ...(this.prior && { prior }) };
  }
}
