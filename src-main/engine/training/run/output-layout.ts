import { join } from 'node:path';

/** Where a run keeps its files inside the output folder. */
export interface OutputLayout {
  /** Training checkpoints (resume state), with the `latest` pointer. */
  checkpoints: string;
  /** The VAE latent cache of the training images. */
  latentCache: string;
  /** Prompts-only distillation: the teacher's sampled latents per prompt. */
  teacherLatents: string;
  /** A usable adapter file for a checkpointed step. */
  stepAdapter(step: number): string;
  /** The sample image of prompt `index` at a step. */
  sample(step: number, index: number, seed: number): string;
  /** The finished run's adapter (our format) and, for plain LoRA, its kohya export. */
  finalAdapter: string;
  kohyaAdapter: string;
}

export function outputLayout(output: string, adapterName: string): OutputLayout {
  const stepLabel = (step: number) => `step${String(step).padStart(6, '0')}`;
  return {
    checkpoints: join(output, 'checkpoints'),
    latentCache: join(output, 'cache', 'latents'),
    teacherLatents: join(output, 'cache', 'teacher-latents'),
    stepAdapter: (step) => join(output, 'adapters', `${adapterName}-${stepLabel(step)}.safetensors`),
    sample: (step, index, seed) => join(output, 'samples', stepLabel(step), `${String(index).padStart(2, '0')}-seed${seed}.png`),
    finalAdapter: join(output, `${adapterName}.safetensors`),
    kohyaAdapter: join(output, `${adapterName}.kohya.safetensors`),
  };
}
