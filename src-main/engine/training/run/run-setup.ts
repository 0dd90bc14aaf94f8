import * as tf from '@tensorflow/tfjs';
import { disposeAdapter, type Adapter } from '../../adapters/adapter';
import { attachAdapters, type AdapterSession } from '../../adapters/blend';
import { createAdapter } from '../../adapters/init';
import { loadStableDiffusion, type StableDiffusion } from '../../pipelines/stable-diffusion';
import { SeededGenerator } from '../../random';
import { alphasCumprod } from '../../schedulers';
import { disposeTrainingState, loadLatestRunState } from '../run-state';
import { adapterBlockVariables, recomputingUNetForward, plainUNetForward } from '../recompute';
import { BatchStream, type DatasetItem } from '../data';
import type { Objective, StepContext, UNetForward } from '../objectives/objective';
import { AdamW, type LrSchedule, type NamedVariables } from '../optim';
import { adapterVariables, restoreAdapterValues } from './adapter-variables';
import { BatchSource, type TrainingSource } from './batch-source';
import type { TrainingConfig } from './config';
import { prepareDistillation, withTeacherCaptions, type DistillationSetup } from './distill-setup';
import type { TrainingEventListener } from './events';
import type { ObjectiveFactory } from './objective-factory';
import { outputLayout, type OutputLayout } from './output-layout';
import { resumeMismatches, type RunIdentity } from './resume-check';
import { prepareTrainingData } from './training-data';
import { badInput } from '../../errors';

/** Generators of the loop besides the data stream's; their states go into every checkpoint. */
const GENERATOR_ROLES = ['noise', 'latents', 'prior', 'prompts'] as const;
type GeneratorRole = (typeof GENERATOR_ROLES)[number];

export interface PreparedRun {
  config: TrainingConfig;
  sd: StableDiffusion;
  layout: OutputLayout;
  identity: RunIdentity;
  adapter: Adapter;
  variables: NamedVariables;
  optimizer: AdamW;
  lrSchedule: LrSchedule;
  session: AdapterSession;
  /** The dataset's order; null in prompts-only distillation (no images). */
  stream: BatchStream | null;
  source: TrainingSource;
  generators: Record<GeneratorRole, SeededGenerator>;
  ctx: StepContext;
  objective: Objective;
  /** The dataset's images (empty in prompts-only distillation) and DreamBooth's class-prior images. */
  items: DatasetItem[];
  priorItems: DatasetItem[];
  /** When this process started the run. */
  startedAt: Date;
  /** Optimizer steps already done (the checkpoint's step after a resume, else 0). */
  startStep: number;
  resumedFrom: string | null;
  images: number;
  /** Frees everything the run holds (the model, the adapter, the optimizer) and detaches the adapter. */
  dispose(): void;
}

export interface PrepareOptions {
  onEvent: TrainingEventListener;
  log: (line: string) => void;
  signal?: AbortSignal;
  objective: ObjectiveFactory;
  /** Default: per-block gradient checkpointing when the config enables it, else the plain forward. */
  unetForward?: UNetForward;
  /** The base model, already loaded as config.model says: borrowed (left loaded and clean), not loaded again. */
  model?: StableDiffusion;
}

/**
 * Everything a run needs before its first step: the frozen model, the training data and its
 * latent cache, the adapter (new, or restored with the optimizer, data order and generators from
 * the output folder's latest checkpoint), attached at weight 1, and the objective. On any error
 * what was built is freed again.
 */
export async function prepareRun(config: TrainingConfig, options: PrepareOptions): Promise<PreparedRun> {
  const { onEvent, log } = options;
  const cleanup: (() => void)[] = [];
  const layout = outputLayout(config.output, config.adapter.name);
  const startedAt = new Date();
  try {
    const sd = options.model ?? (await loadBaseModel(config, onEvent));
    if (!options.model) cleanup.push(() => sd.dispose());
    const identity: RunIdentity = { run: config, modelHash: sd.hash };

    const checkpoint = await loadLatestRunState(layout.checkpoints, { log });
    if (checkpoint) cleanup.push(() => disposeTrainingState(checkpoint.state));
    if (checkpoint && !config.resume) {
      throw badInput(`${config.output} already holds training checkpoints (latest ${checkpoint.name}); set resume to continue that run, or choose another output folder`);
    }
    if (checkpoint) {
      const problems = resumeMismatches(checkpoint.state.config, identity);
      if (problems.length > 0) {
        throw badInput(`cannot resume ${checkpoint.name} in ${layout.checkpoints} with these settings (use another output folder for a new run):\n  - ${problems.join('\n  - ')}`);
      }
    }

    const generators = Object.fromEntries(
      GENERATOR_ROLES.map((role, i) => {
        const saved = checkpoint?.state.generators[role];
        // Distinct streams from one user seed: the high bits select the role (the order stream uses the seed itself).
        return [role, saved ? SeededGenerator.fromState(saved) : new SeededGenerator(config.seed + (i + 1) * 2 ** 32)];
      }),
    ) as Record<GeneratorRole, SeededGenerator>;

    // The teacher comes before the adapter is attached: a shared text encoder encodes its prompts unadapted.
    let distillation: DistillationSetup | null = null;
    if (config.task === 'distill' && config.distill) {
      distillation = await prepareDistillation(config.distill, {
        sd, resolution: config.resolution, batchSize: config.batchSize, seed: config.seed, rng: generators.prompts,
        cacheDir: layout.teacherLatents, onEvent, log,
      });
      const objective = distillation.objective;
      cleanup.push(() => objective.dispose());
    }
    const data = distillation?.promptSource ? null : await prepareTrainingData(config, sd, layout.latentCache, onEvent, log, options.signal);

    const models = { unet: sd.unet, textEncoder: sd.textEncoder };
    const { name, targets, ...settings } = config.adapter;
    const adapter = createAdapter(models, settings, {
      seed: config.seed,
      targets,
      name,
      metadata: { base_model: sd.name, base_model_hash: sd.hash, training_task: config.task },
    });
    cleanup.push(() => disposeAdapter(adapter));
    const variables = adapterVariables(adapter);
    const { beta1, beta2, eps, weightDecay } = config.adamw;
    const optimizer = new AdamW(variables, { lr: config.lr, beta1, beta2, eps, weightDecay });
    cleanup.push(() => optimizer.dispose());
    if (checkpoint) {
      restoreAdapterValues(variables, checkpoint.state.adapter);
      optimizer.setState(checkpoint.state.optimizer);
    }

    const stream = data
      ? new BatchStream(
          data.items,
          {
            batchSize: config.batchSize,
            seed: config.seed,
            flip: config.augment.flip,
            caption: { dropoutRate: config.augment.captionDropout, shuffleTags: config.augment.shuffleTags, keepTags: config.augment.keepTags, triggerWord: config.augment.triggerWord || undefined },
          },
          checkpoint?.state.data,
        )
      : null;
    const source = trainingSource(stream, data, distillation, generators, sd.vae.config.scaling_factor, config);

    const objective = distillation?.objective ?? (await options.objective(config, sd));
    if (!distillation) cleanup.push(() => objective.dispose());
    const schedule = tf.tensor1d(alphasCumprod(sd.schedulerConfig), 'float32');
    cleanup.push(() => schedule.dispose());
    const ctx: StepContext = {
      unet: sd.unet,
      textEncoder: sd.textEncoder,
      tokenizer: sd.tokenizer,
      schedule: sd.schedulerConfig,
      alphasCumprod: schedule,
      rng: generators.noise,
      unetForward:
        options.unetForward ??
        (config.gradientCheckpointing
          ? recomputingUNetForward({
              variablesFor: adapterBlockVariables([adapter]),
              // At SD's real size one whole up block's recomputation alone exceeds wasm's 4 GiB heap:
              // recompute each resnet / transformer on its own there (measured in bench train-step).
              granularity: config.resolution >= 512 ? 'layer' : 'block',
            })
          : plainUNetForward),
    };

    const session = attachAdapters(models, [{ adapter, weight: 1 }]);
    cleanup.push(() => session.detach());
    const startStep = checkpoint?.state.step ?? 0;
    const resumedFrom = checkpoint?.name ?? null;
    if (checkpoint) {
      disposeTrainingState(checkpoint.state);
      log(`resuming from ${checkpoint.name} (step ${startStep})`);
    }
    const lrSchedule: LrSchedule =
      config.schedule === 'cosine'
        ? { kind: 'cosine', baseLr: config.lr, warmupSteps: config.warmupSteps, totalSteps: config.maxSteps }
        : { kind: 'constant', baseLr: config.lr, warmupSteps: config.warmupSteps };
    const dispose = () => {
      for (const free of cleanup.reverse()) free();
      cleanup.length = 0;
    };
    return {
      config, sd, layout, identity, adapter, variables, optimizer, lrSchedule, session, stream, source, generators, ctx, objective,
      startStep, resumedFrom, images: data?.items.length ?? distillation?.pairs.length ?? 0, items: data?.items ?? [], priorItems: data?.priorItems ?? [],
      startedAt, dispose,
    };
  } catch (error) {
    for (const free of cleanup.reverse()) free();
    throw error;
  }
}

async function loadBaseModel(config: TrainingConfig, onEvent: TrainingEventListener): Promise<StableDiffusion> {
  onEvent({ type: 'status', message: `loading ${config.model.path}` });
  return loadStableDiffusion(config.model.path, { config: config.model.config, tokenizerPath: config.model.tokenizer, vaePath: config.model.vae });
}

/** The run's batches: dataset images (with DreamBooth priors, or teacher prompts for paired distillation), or teacher latents. */
function trainingSource(
  stream: BatchStream | null,
  data: Awaited<ReturnType<typeof prepareTrainingData>> | null,
  distillation: DistillationSetup | null,
  generators: Record<GeneratorRole, SeededGenerator>,
  scalingFactor: number,
  config: TrainingConfig,
): TrainingSource {
  if (!stream || !data) {
    if (!distillation?.promptSource) throw new Error('a run without images needs prompts-only distillation');
    return distillation.promptSource;
  }
  const prior = data.priorItems.length > 0 ? { items: data.priorItems, caption: config.dreambooth?.classPrompt ?? '', rng: generators.prior, flip: config.augment.flip } : null;
  const images = new BatchSource(stream, data.cache, generators.latents, scalingFactor, prior);
  return distillation && distillation.objective.separateEncoders ? withTeacherCaptions(images, distillation.pairs) : images;
}
