/** What kohya's trainer records about a run, as far as a run of ours knows it (see kohyaTrainingMetadata). */
export interface KohyaTrainingFacts {
  startedAt: Date;
  /** The base model's file or folder name (never its path). */
  modelName: string;
  resolution: number;
  buckets: boolean;
  /** Training images counted with their repeats, as kohya counts them. */
  trainImages: number;
  /** DreamBooth class-prior images (kohya's regularisation images). */
  regularisationImages: number;
  batchSize: number;
  gradientAccumulation: number;
  maxTrainSteps: number;
  epochs: number;
  batchesPerEpoch: number;
  learningRate: number;
  lrScheduler: string;
  warmupSteps: number;
  optimizer: string;
  maxGradNorm: number;
  minSnrGamma: number;
  noiseOffset: number;
  seed: number;
  captionDropout: number;
  shuffleCaption: boolean;
  keepTokens: number;
  flip: boolean;
  gradientCheckpointing: boolean;
  priorLossWeight?: number;
  /** Per dataset folder name: how many captions carry each tag. */
  tagFrequency: Record<string, Record<string, number>>;
  /** Per dataset folder name: repeats and image count. */
  datasetDirs: Record<string, { n_repeats: number; img_count: number }>;
}

// kohya stores Python's str() of each value: booleans as True / False.
const py = (value: boolean) => (value ? 'True' : 'False');

/**
 * The `ss_*` training fields kohya sd-scripts writes into a LoRA (A1111's extensions and model
 * sites show them), with kohya's names and value formats.
 */
export function kohyaTrainingMetadata(f: KohyaTrainingFacts): Record<string, string> {
  return {
    ss_training_started_at: String(f.startedAt.getTime() / 1000),
    ss_sd_model_name: f.modelName,
    ss_resolution: `(${f.resolution}, ${f.resolution})`,
    ss_enable_bucket: py(f.buckets),
    ss_num_train_images: String(f.trainImages),
    ss_num_reg_images: String(f.regularisationImages),
    ss_batch_size_per_device: String(f.batchSize),
    ss_total_batch_size: String(f.batchSize * f.gradientAccumulation),
    ss_gradient_accumulation_steps: String(f.gradientAccumulation),
    ss_max_train_steps: String(f.maxTrainSteps),
    ss_num_epochs: String(f.epochs),
    ss_num_batches_per_epoch: String(f.batchesPerEpoch),
    ss_learning_rate: String(f.learningRate),
    ss_unet_lr: String(f.learningRate),
    ss_text_encoder_lr: String(f.learningRate),
    ss_lr_scheduler: f.lrScheduler,
    ss_lr_warmup_steps: String(f.warmupSteps),
    ss_optimizer: f.optimizer,
    ss_max_grad_norm: String(f.maxGradNorm),
    ss_min_snr_gamma: String(f.minSnrGamma),
    ss_noise_offset: String(f.noiseOffset),
    ss_seed: String(f.seed),
    ss_caption_dropout_rate: String(f.captionDropout),
    ss_shuffle_caption: py(f.shuffleCaption),
    ss_keep_tokens: String(f.keepTokens),
    ss_flip_aug: py(f.flip),
    ss_gradient_checkpointing: py(f.gradientCheckpointing),
    ss_cache_latents: 'True',
    ss_mixed_precision: 'no',
    ss_clip_skip: 'None',
    ...(f.priorLossWeight !== undefined && { ss_prior_loss_weight: String(f.priorLossWeight) }),
    ss_tag_frequency: JSON.stringify(f.tagFrequency),
    ss_dataset_dirs: JSON.stringify(f.datasetDirs),
  };
}
