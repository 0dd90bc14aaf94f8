import type { StableDiffusion } from '../../pipelines/stable-diffusion';
import { LatentCache, loadDataset, lowResolutionWarning, vaeLatentEncoder, type DatasetItem } from '../data';
import { ensurePriorImages } from '../objectives/prior-images';
import type { TrainingConfig } from './config';
import type { TrainingEventListener } from './events';
import { badInput } from '../../errors';

export interface TrainingData {
  items: DatasetItem[];
  /** DreamBooth's class-prior images (empty otherwise). */
  priorItems: DatasetItem[];
  cache: LatentCache;
}

/**
 * Loads the dataset (DreamBooth: every instance image captioned with the instance prompt),
 * makes sure the class-prior images exist (generating the missing ones with the base model:
 * call this before the adapter is attached), and fills the latent cache for all of them,
 * so training steps only read latents. No usable image is an error naming the skipped files.
 */
export async function prepareTrainingData(
  config: TrainingConfig,
  sd: StableDiffusion,
  cacheDir: string,
  onEvent: TrainingEventListener,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<TrainingData> {
  onEvent({ type: 'status', message: 'reading the dataset' });
  const dataset = await loadDataset(config.dataset, { resolution: config.resolution, buckets: config.buckets, log });
  if (dataset.items.length === 0) {
    const skipped = dataset.skipped.map((s) => `${s.path} (${s.reason})`).join('; ');
    throw badInput(`the dataset has no usable images${skipped ? `: skipped ${skipped}` : ''}`);
  }
  const lowResolution = lowResolutionWarning(dataset.items);
  if (lowResolution) onEvent({ type: 'warning', message: lowResolution });
  const dreambooth = config.dreambooth;
  const items = dreambooth ? dataset.items.map((item) => ({ ...item, caption: dreambooth.instancePrompt })) : dataset.items;

  let priorItems: DatasetItem[] = [];
  if (dreambooth && dreambooth.priorImages > 0) {
    onEvent({ type: 'status', message: `class-prior images in ${dreambooth.classFolder}` });
    const paths = await ensurePriorImages(sd, {
      folder: dreambooth.classFolder,
      prompt: dreambooth.classPrompt,
      count: dreambooth.priorImages,
      resolution: config.resolution,
      seed: config.seed,
      steps: dreambooth.generationSteps,
      cfgScale: dreambooth.generationCfg,
      signal,
      onProgress: (done, total) => onEvent({ type: 'status', message: 'generating class-prior images', done, total }),
    });
    const priors = await loadDataset({ items: paths.map((image) => ({ image, caption: dreambooth.classPrompt })) }, { resolution: config.resolution, log });
    if (priors.items.length === 0) throw badInput(`no usable class-prior image in ${dreambooth.classFolder}`);
    priorItems = priors.items;
  }

  if (!sd.hash) throw new Error('the base model has no weights hash: cannot key the latent cache');
  const cache = new LatentCache(cacheDir, vaeLatentEncoder(sd.vae, `model-sha256:${sd.hash}`), { log });
  const flips = config.augment.flip;
  for (const [label, list] of [['training images', items], ['class-prior images', priorItems]] as const) {
    if (list.length === 0) continue;
    signal?.throwIfAborted();
    await cache.warm(list, flips, (done, total) => onEvent({ type: 'status', message: `caching latents of the ${label}`, done, total }));
  }
  return { items, priorItems, cache };
}
