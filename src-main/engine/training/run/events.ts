/** What a training run reports while it works (the CLI's progress bar, the studio's monitor). */

export interface MemoryReport {
  /** Live tensors and their bytes (tf.memory()). */
  numTensors: number;
  numBytes: number;
  /** The process's resident set size. */
  rssBytes: number;
}

export type TrainingEvent =
  /** Setup progress: loading, prior images, latent caching ("done" of "total" when counted). */
  | { type: 'status'; message: string; done?: number; total?: number }
  | {
      type: 'started';
      /** The first step this process runs (> 0 after a resume). */
      startStep: number;
      totalSteps: number;
      /** The checkpoint resumed from, if any. */
      resumedFrom?: string;
      trainableParameters: number;
      images: number;
    }
  | {
      type: 'step';
      /** Optimizer steps completed. */
      step: number;
      totalSteps: number;
      loss: number;
      /** The objective's named terms (mse, instance, prior ...), averaged over the micro-batches. */
      terms: Record<string, number>;
      lr: number;
      /** Global gradient norm before clipping. */
      gradNorm: number;
      stepsPerSecond: number;
      etaMs: number;
      memory: MemoryReport;
    }
  /** Something the run goes on with but the user should know (e.g. images far below the training size). */
  | { type: 'warning'; message: string }
  | { type: 'samples'; step: number; paths: string[] }
  | { type: 'checkpoint'; step: number; name: string; adapterPath: string }
  | { type: 'finished'; step: number; adapterPath: string; kohyaPath?: string }
  | { type: 'cancelled'; step: number; checkpoint: string | null }
  | { type: 'failed'; step: number; reason: string };

export type TrainingEventListener = (event: TrainingEvent) => void;
