import * as tf from '@tensorflow/tfjs';
import { disposeNamed, type NamedTensors } from './named-tensors';

/**
 * Sums gradients over micro-batches so a large effective batch fits in memory: add() each
 * micro-batch's gradients, then takeAverage() gives their mean for one optimizer step.
 */
export class GradientAccumulator {
  private sum: NamedTensors = {};
  private added = 0;

  /** Micro-batches added since the last takeAverage(). */
  get count(): number {
    return this.added;
  }

  /** Adds one micro-batch's gradients and disposes them (they are usually a fresh tf.variableGrads result). */
  add(grads: NamedTensors): void {
    const names = Object.keys(grads);
    if (this.added > 0) {
      const held = Object.keys(this.sum);
      const differ = names.length !== held.length || names.some((name) => !(name in this.sum));
      if (differ) {
        disposeNamed(grads);
        throw new Error(`GradientAccumulator: micro-batch gradients cover [${names.join(', ')}], earlier ones [${held.join(', ')}]`);
      }
    }
    for (const name of names) {
      const previous = this.sum[name];
      this.sum[name] = previous ? tf.add(previous, grads[name]) : tf.clone(grads[name]);
      previous?.dispose();
    }
    disposeNamed(grads);
    this.added += 1;
  }

  /** The mean over the added micro-batches (the caller disposes it); the accumulator starts over. */
  takeAverage(): NamedTensors {
    if (this.added === 0) throw new Error('GradientAccumulator: takeAverage() before any add()');
    const count = this.added;
    const mean = Object.fromEntries(Object.entries(this.sum).map(([name, g]) => [name, tf.div(g, count)]));
    this.reset();
    return mean;
  }

  /** Drops whatever was accumulated (e.g. after a skipped, non-finite step). */
  reset(): void {
    disposeNamed(this.sum);
    this.sum = {};
    this.added = 0;
  }
}
