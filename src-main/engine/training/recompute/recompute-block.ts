import * as tf from '@tensorflow/tfjs';
import type { BlockFunction } from '../../models/unet';
import { packOutputs, unpackOutputs } from './packed-outputs';

/**
 * Gradient checkpointing for one block: the forward runs inside a tf.customGrad op, where the
 * engine records no tape, so the block's activations are freed as soon as it returns. Only
 * its inputs are saved. The backward pass runs the block again under a fresh gradient scope
 * and returns the gradients of its inputs and of the trainable variables it reads.
 *
 * The variables are read through the layers' wrappers (closures), not passed to the block, so
 * the op takes them as extra inputs: that is how the engine learns that the op's output
 * depends on them and routes their gradients through it.
 */
export function recomputeBlock(name: string, block: BlockFunction, inputs: tf.Tensor[], variables: readonly tf.Variable[]): tf.Tensor[] {
  // Outside a gradient scope (inference, the teacher) there is nothing to save or recompute.
  if (!tf.engine().isTapeOn()) return block(inputs);

  let shapes: number[][] = [];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const blockInputs = args.slice(0, inputs.length) as tf.Tensor[];
    const outputs = block(blockInputs);
    shapes = outputs.map((o) => o.shape);
    save(blockInputs); // kept copies: the caller's tensors may be freed before the backward pass
    return {
      value: packOutputs(outputs),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => recomputeGradients(name, block, saved, variables, dy as tf.Tensor1D),
    };
  });
  const packed = op(...inputs, ...variables) as tf.Tensor1D;
  const outputs = unpackOutputs(packed, shapes);
  packed.dispose();
  return outputs;
}

/**
 * Runs the block again on its saved inputs with the tape on and backpropagates `dy` (the
 * gradient of its packed outputs). Returns one gradient per op input: block inputs, then
 * variables (zeros where the block does not reach one).
 */
function recomputeGradients(name: string, block: BlockFunction, inputs: tf.Tensor[], variables: readonly tf.Variable[], dy: tf.Tensor1D): tf.Tensor[] {
  const engine = tf.engine();
  // A gradient scope opened during the outer backward pass replaces the engine's tape and
  // clears it when done; the outer pass still has to free its own tape's saved tensors.
  const outerTape = engine.state.activeTape;
  const others = otherTrainableVariables(variables);
  try {
    return tf.tidy(() => {
      const xs = [...inputs, ...variables, ...others];
      const { value, grads } = engine.gradients(() => packOutputs(block(inputs)), xs, dy, true);
      value.dispose();
      const missed = others.filter((_, i) => grads[inputs.length + variables.length + i] != null);
      if (missed.length > 0) {
        const names = missed.slice(0, 3).map((v) => v.name).join(', ');
        throw new Error(`gradient checkpointing: block '${name}' reads trainable variable(s) it was not given (${names}); their gradients would be lost`);
      }
      return [...inputs, ...variables].map((x, i) => grads[i] ?? tf.zerosLike(x));
    });
  } finally {
    engine.state.activeTape = outerTape;
  }
}

/** Trainable variables outside `given`: checked for gradients so a wrong variable list fails loudly. */
function otherTrainableVariables(given: readonly tf.Variable[]): tf.Variable[] {
  const ids = new Set(given.map((v) => v.id));
  return Object.values(tf.engine().registeredVariables).filter((v) => v.trainable && !ids.has(v.id));
}
