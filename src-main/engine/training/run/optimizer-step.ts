import * as tf from '@tensorflow/tfjs';
import type { Objective, StepContext } from '../objectives/objective';
import { clipGradientsByGlobalNorm, disposeNamed, type AdamW, type GradientAccumulator, type NamedTensors, type NamedVariables } from '../optim';
import type { TrainingSource } from './batch-source';

export interface OptimizerStepInput {
  source: TrainingSource;
  objective: Objective;
  ctx: StepContext;
  /** The adapter's trainable variables by stable name: the only tensors that get gradients. */
  variables: NamedVariables;
  optimizer: AdamW;
  accumulator: GradientAccumulator;
  microBatches: number;
  /** Global-norm clip; 0 turns it off. */
  maxGradNorm: number;
  lr: number;
}

export interface OptimizerStepResult {
  /** Mean total loss over the micro-batches. */
  loss: number;
  terms: Record<string, number>;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

/**
 * One optimizer step: for each micro-batch, the objective's loss and its gradients with respect
 * to the adapter's variables only (tf.variableGrads over that list: the frozen model gets none),
 * accumulated; then their mean is clipped and AdamW applies it at `lr`. A non-finite loss or
 * gradient norm throws before the adapter is touched, so the last good state stays intact.
 */
export async function optimizerStep(input: OptimizerStepInput): Promise<OptimizerStepResult> {
  const { objective, ctx, variables, accumulator } = input;
  const varList = Object.values(variables);
  const nameOf = new Map(Object.entries(variables).map(([name, v]) => [v.name, name]));
  let lossSum = 0;
  const termSums: Record<string, number> = {};
  try {
    for (let micro = 0; micro < input.microBatches; micro++) {
      const batch = await input.source.next();
      const terms: Record<string, tf.Scalar> = {};
      let value: tf.Scalar | undefined;
      let grads: NamedTensors = {};
      try {
        ({ value, grads } = tf.variableGrads(() => {
          const loss = objective.loss(batch, ctx);
          // The terms are only read for the monitor; keep() lets them outlive the gradient scope.
          for (const [name, term] of Object.entries(loss.terms)) terms[name] = tf.keep(term);
          return loss.total;
        }, varList));
        const loss = (await value.data())[0];
        if (!Number.isFinite(loss)) throw new Error(`the loss is ${loss}: training diverged (try a lower learning rate or a gradient clip)`);
        lossSum += loss;
        for (const [name, term] of Object.entries(terms)) termSums[name] = (termSums[name] ?? 0) + (await term.data())[0];
        accumulator.add(Object.fromEntries(Object.entries(grads).map(([varName, g]) => [nameOf.get(varName) ?? varName, g])));
        grads = {};
      } finally {
        tf.dispose([batch.latents, ...Object.values(terms), ...(value ? [value] : []), ...Object.values(grads)]);
      }
    }
  } catch (error) {
    accumulator.reset();
    throw error;
  }
  const mean = accumulator.takeAverage();
  const clipped = await clipGradientsByGlobalNorm(mean, input.maxGradNorm > 0 ? input.maxGradNorm : Infinity);
  disposeNamed(mean);
  try {
    if (!Number.isFinite(clipped.norm)) throw new Error(`the gradient norm is ${clipped.norm}: training diverged (try a lower learning rate)`);
    input.optimizer.applyGradients(clipped.grads, input.lr);
  } finally {
    disposeNamed(clipped.grads);
  }
  const n = input.microBatches;
  return { loss: lossSum / n, terms: Object.fromEntries(Object.entries(termSums).map(([k, v]) => [k, v / n])), gradNorm: clipped.norm };
}
