import type { StableDiffusion } from '../../pipelines/stable-diffusion';
import { DreamBoothObjective } from '../objectives/dreambooth';
import { FinetuneObjective } from '../objectives/finetune';
import type { Objective } from '../objectives/objective';
import type { TrainingConfig } from './config';

/** Builds the objective of a task; distillation's comes from its own module (it loads a teacher). */
export type ObjectiveFactory = (config: TrainingConfig, sd: StableDiffusion) => Objective | Promise<Objective>;

/** The objectives this module implements: fine-tune and DreamBooth. */
export const builtInObjective: ObjectiveFactory = (config) => {
  const diffusion = { minSnrGamma: config.minSnrGamma, noiseOffset: config.noiseOffset };
  switch (config.task) {
    case 'finetune':
      return new FinetuneObjective(diffusion);
    case 'dreambooth':
      return new DreamBoothObjective({ ...diffusion, priorWeight: config.dreambooth?.priorWeight ?? 1 });
    case 'distill':
      throw new Error("task 'distill' builds its objective with its teacher (run/distill-setup.ts), not here");
  }
};
