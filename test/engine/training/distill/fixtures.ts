import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import type { Adapter } from '../../../../src-main/engine/adapters/adapter';
import type { ClipTextModel } from '../../../../src-main/engine/models/clip';
import type { UNet2DConditionModel } from '../../../../src-main/engine/models/unet';
import type { Module } from '../../../../src-main/engine/nn/module';
import { SeededGenerator } from '../../../../src-main/engine/random';
import { alphasCumprod, resolveConfig } from '../../../../src-main/engine/schedulers';
import { loadClipTokenizer, type ClipTokenizer } from '../../../../src-main/engine/tokenizer';
import type { Objective, StepContext, TrainingBatch, UNetForward } from '../../../../src-main/engine/training/objectives/objective';
import { AdamW } from '../../../../src-main/engine/training/optim';
import { plainUNetForward } from '../../../../src-main/engine/training/recompute';
import { goldenDir } from '../../../parity/golden';

/** The golden tiny SD 1.5 as a diffusers folder (unet, text_encoder, tokenizer, ...). */
export const tinyFolder = () => join(goldenDir(), 'models', 'diffusers');
export const tinyTokenizer = (): ClipTokenizer => loadClipTokenizer(join(tinyFolder(), 'tokenizer'));

/**
 * Makes a "community fine-tune" of a loaded model: every weight w becomes w * (1 + scale * n)
 * with n drawn from a seeded generator, in parameter order (deterministic on every backend).
 */
export function perturbWeights(model: Module, seed: number, scale: number): void {
  const generator = new SeededGenerator(seed);
  for (const [name, parameter] of model.namedParameters()) {
    const next = tf.tidy(() => {
      const w = parameter.toTorch();
      return w.mul(tf.tensor(generator.normalArray(w.size), w.shape).mul(scale).add(1));
    });
    parameter.load(next, name);
    next.dispose();
  }
}

/** A StepContext like the trainer builds: SD 1.5's schedule, a seeded generator. */
export function stepContext(unet: UNet2DConditionModel, textEncoder: ClipTextModel, tokenizer: ClipTokenizer, unetForward: UNetForward = plainUNetForward): StepContext {
  const schedule = resolveConfig();
  return {
    unet,
    textEncoder,
    tokenizer,
    schedule,
    alphasCumprod: tf.tensor1d(alphasCumprod(schedule)),
    rng: new SeededGenerator(99),
    unetForward,
  };
}

/** The adapter's variables under stable names, for AdamW. */
export function namedAdapterVariables(adapter: Adapter): Record<string, tf.Variable> {
  const named: Record<string, tf.Variable> = {};
  for (const [key, state] of adapter.layers) {
    for (const [part, t] of Object.entries({ down: state.down, up: state.up, router: state.router, gamma: state.gamma })) {
      if (t instanceof tf.Variable) named[`${key}.${part}`] = t;
    }
  }
  return named;
}

/**
 * Real training steps: the objective's loss, gradients for the adapter's variables only,
 * AdamW. Returns each step's total loss.
 */
export async function train(objective: Objective, ctx: StepContext, next: () => Promise<TrainingBatch>, optimizer: AdamW, steps: number): Promise<number[]> {
  const byTfName = new Map(Object.entries(optimizer.params).map(([name, v]) => [v.name, name]));
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const batch = await next();
    const { value, grads } = tf.variableGrads(() => objective.loss(batch, ctx).total, Object.values(optimizer.params));
    const named = Object.fromEntries(Object.entries(grads).map(([tfName, g]) => [byTfName.get(tfName) as string, g]));
    optimizer.applyGradients(named);
    losses.push((await value.data())[0]);
    tf.dispose([value, grads, batch.latents]);
  }
  return losses;
}
