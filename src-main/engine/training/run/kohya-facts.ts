import { basename, dirname } from 'node:path';
import type { KohyaTrainingFacts } from '../../adapters/files';
import { splitTags, type DatasetItem } from '../data';
import type { TrainingConfig } from './config';

/**
 * What kohya's trainer records about a run (its `ss_*` metadata), from our run: image counts
 * with repeats, epochs, tag frequencies per dataset folder (by folder name, never its path).
 */
export function kohyaTrainingFacts(config: TrainingConfig, items: readonly DatasetItem[], priorImages: number, modelName: string, startedAt: Date): KohyaTrainingFacts {
  const trainImages = items.reduce((n, item) => n + item.repeats, 0);
  const batchesPerEpoch = Math.max(1, Math.ceil(trainImages / config.batchSize));
  const stepsPerEpoch = Math.max(1, Math.ceil(batchesPerEpoch / config.gradientAccumulation));
  const folders = new Map<string, DatasetItem[]>();
  for (const item of items) {
    const folder = basename(dirname(item.image));
    folders.set(folder, [...(folders.get(folder) ?? []), item]);
  }
  const tagFrequency: Record<string, Record<string, number>> = {};
  const datasetDirs: Record<string, { n_repeats: number; img_count: number }> = {};
  for (const [folder, list] of folders) {
    const counts: Record<string, number> = {};
    for (const item of list) for (const tag of splitTags(item.caption)) counts[tag] = (counts[tag] ?? 0) + 1;
    tagFrequency[folder] = counts;
    datasetDirs[folder] = { n_repeats: list[0].repeats, img_count: list.length };
  }
  const { beta1, beta2, weightDecay, eps } = config.adamw;
  return {
    startedAt,
    modelName,
    resolution: config.resolution,
    buckets: config.buckets,
    trainImages,
    regularisationImages: priorImages,
    batchSize: config.batchSize,
    gradientAccumulation: config.gradientAccumulation,
    maxTrainSteps: config.maxSteps,
    epochs: Math.ceil(config.maxSteps / stepsPerEpoch),
    batchesPerEpoch,
    learningRate: config.lr,
    lrScheduler: config.schedule,
    warmupSteps: config.warmupSteps,
    optimizer: `AdamW(betas=(${beta1}, ${beta2}),weight_decay=${weightDecay},eps=${eps})`,
    maxGradNorm: config.maxGradNorm,
    minSnrGamma: config.minSnrGamma,
    noiseOffset: config.noiseOffset,
    seed: config.seed,
    captionDropout: config.augment.captionDropout,
    shuffleCaption: config.augment.shuffleTags,
    keepTokens: config.augment.keepTags,
    flip: config.augment.flip,
    gradientCheckpointing: config.gradientCheckpointing,
    priorLossWeight: config.dreambooth?.priorWeight,
    tagFrequency,
    datasetDirs,
  };
}
