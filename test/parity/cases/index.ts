import { runClipText } from './clip_text';
import { runModels } from './models';
import { runSchedulers } from './schedulers';
import { tokenizerCase } from './tokenizer';
import { runTraining } from './training';
import type { CaseRunner } from './types';
import { runUnet } from './unet';
import { runVae } from './vae';

/**
 * Golden cases the engine can run, by case name. A case in the manifest that is not here is
 * reported as skipped by name (never as passed).
 */
export const runners: Record<string, CaseRunner> = {
  schedulers: runSchedulers,
  training: runTraining,
  tokenizer: tokenizerCase,
  clip_text: runClipText,
  models: runModels,
  unet: runUnet,
  vae: runVae,
  lora_kohya: (c) => import('./lora_kohya').then((m) => m.runLoraKohya(c)),
};
