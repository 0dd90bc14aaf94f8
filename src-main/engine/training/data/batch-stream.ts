import { createHash } from 'node:crypto';
import { SeededGenerator, type GeneratorState } from '../../random';
import { bucketKey, type Size } from './aspect-buckets';
import { augmentCaption, type CaptionAugmentOptions } from './caption-augment';
import type { DatasetItem } from './dataset';
import { planEpoch } from './epoch-plan';

export interface BatchStreamOptions {
  batchSize: number;
  seed: number;
  /** Mirror each sample left-right with probability 1/2. */
  flip?: boolean;
  caption?: CaptionAugmentOptions;
}

/** Everything needed to continue the exact same sequence of batches after a resume (JSON-safe). */
export interface BatchStreamState {
  /** 0-based epoch of the next batch. */
  epoch: number;
  /** Index within that epoch of the next batch. */
  batchIndex: number;
  /** The order generator as it was when this epoch was planned (replanning replays it). */
  epochOrderState: GeneratorState;
  /** The augmentation generator now. */
  augmentState: GeneratorState;
  /** Identifies the dataset (hashes, repeats, sizes) so a resume on changed data is refused. */
  datasetFingerprint: string;
}

export interface TrainingSample {
  item: DatasetItem;
  caption: string;
  flip: boolean;
}

export interface TrainingBatch {
  epoch: number;
  /** Index of this batch within its epoch. */
  index: number;
  /** The shared training size of every sample. */
  size: Size;
  samples: TrainingSample[];
}

/**
 * The endless, reproducible stream of training batches: a seeded permutation per epoch
 * (see planEpoch) and seeded augmentation (flip, caption dropout and tag shuffle).
 * Two generators keep them apart, so the order is replanned from its epoch-start state alone.
 */
export class BatchStream {
  private epoch = 0;
  private batchIndex = 0;
  private readonly orderRng: SeededGenerator;
  private readonly augmentRng: SeededGenerator;
  private epochOrderState: GeneratorState;
  private plan: number[][];
  private readonly fingerprint: string;

  constructor(
    private readonly items: readonly DatasetItem[],
    private readonly options: BatchStreamOptions,
    resumeFrom?: BatchStreamState | null,
  ) {
    if (items.length === 0) throw new Error('batch stream: the dataset has no usable images');
    this.fingerprint = datasetFingerprint(items);
    if (resumeFrom) {
      if (resumeFrom.datasetFingerprint !== this.fingerprint) {
        throw new Error('batch stream: the dataset changed since this state was saved (images, repeats or sizes differ); cannot resume its order');
      }
      this.orderRng = SeededGenerator.fromState(resumeFrom.epochOrderState);
      this.augmentRng = SeededGenerator.fromState(resumeFrom.augmentState);
      this.epoch = resumeFrom.epoch;
    } else {
      this.orderRng = new SeededGenerator(options.seed);
      // A seed for augmentation drawn from the order stream: independent draws, one user seed.
      this.augmentRng = new SeededGenerator(Math.floor(this.orderRng.uniform() * 2 ** 32));
    }
    this.epochOrderState = this.orderRng.getState();
    this.plan = planEpoch(items, options.batchSize, this.orderRng);
    if (resumeFrom) {
      if (!(Number.isSafeInteger(resumeFrom.batchIndex) && resumeFrom.batchIndex >= 0 && resumeFrom.batchIndex <= this.plan.length)) {
        throw new Error(`batch stream: saved batch index ${resumeFrom.batchIndex} is outside the epoch's ${this.plan.length} batches`);
      }
      this.batchIndex = resumeFrom.batchIndex;
    }
  }

  get batchesPerEpoch(): number {
    return this.plan.length;
  }

  next(): TrainingBatch {
    if (this.batchIndex >= this.plan.length) {
      this.epoch += 1;
      this.batchIndex = 0;
      this.epochOrderState = this.orderRng.getState();
      this.plan = planEpoch(this.items, this.options.batchSize, this.orderRng);
    }
    const indices = this.plan[this.batchIndex];
    const samples = indices.map((i) => this.augment(this.items[i]));
    const batch = { epoch: this.epoch, index: this.batchIndex, size: samples[0].item.size, samples };
    this.batchIndex += 1;
    return batch;
  }

  getState(): BatchStreamState {
    return {
      epoch: this.epoch,
      batchIndex: this.batchIndex,
      epochOrderState: this.epochOrderState,
      augmentState: this.augmentRng.getState(),
      datasetFingerprint: this.fingerprint,
    };
  }

  /** Draw order per sample is fixed (flip, then caption) so resumes replay it exactly. */
  private augment(item: DatasetItem): TrainingSample {
    const flip = this.options.flip ? this.augmentRng.uniform() < 0.5 : false;
    const caption = augmentCaption(item.caption, this.options.caption ?? {}, this.augmentRng);
    return { item, caption, flip };
  }
}

function datasetFingerprint(items: readonly DatasetItem[]): string {
  const hash = createHash('sha256');
  for (const item of items) hash.update(`${item.contentHash} ${item.repeats} ${bucketKey(item.size)}\n`);
  return hash.digest('hex').slice(0, 32);
}
