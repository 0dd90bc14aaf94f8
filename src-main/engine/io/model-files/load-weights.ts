import type * as tf from '@tensorflow/tfjs';
import type { Module } from '../../nn/module';
import { sameShape, type Parameter } from '../../nn/parameter';
import type { SafetensorsReader } from '../safetensors';
import { ModelFileKeysError, hasProblems, type KeyProblems } from './errors';
import type { KeyMapper } from './key-map';

/** One component's tensors inside an open safetensors file. */
export interface WeightSource {
  reader: SafetensorsReader;
  /** Only keys under this prefix belong to the component ('' = every key of the file). */
  prefix: string;
  mapKey: KeyMapper;
}

interface PlannedTensor {
  parameter: Parameter;
  target: string;
  source: string;
  /** The model's (PyTorch-layout) shape, when it differs from the stored one only by 1x1 dims. */
  reshapeTo?: readonly number[];
}

/** Every parameter of a module paired with the stored tensor that fills it, checked from headers. */
export interface WeightPlan {
  module: Module;
  reader: SafetensorsReader;
  tensors: PlannedTensor[];
}

/**
 * Matches a module's parameters to a source using headers only: every parameter must get
 * exactly one tensor of its shape and every key under the prefix must be taken or known to be
 * ignorable. All problems are raised together, before any tensor data is read.
 */
export function planWeights(module: Module, source: WeightSource, component: string): WeightPlan {
  const parameters = new Map(module.namedParameters());
  const claimed = new Map<string, PlannedTensor>();
  const problems: KeyProblems = { missing: [], unexpected: [], misShaped: [] };
  const misShapedTargets = new Set<string>();

  for (const key of source.reader.keys()) {
    if (!key.startsWith(source.prefix)) continue;
    const mapped = source.mapKey(key.slice(source.prefix.length));
    if (mapped === 'ignore') continue;
    const parameter = mapped === 'unknown' ? undefined : parameters.get(mapped.target);
    if (mapped === 'unknown' || !parameter) {
      problems.unexpected.push(key);
      continue;
    }
    if (claimed.has(mapped.target)) {
      problems.unexpected.push(`${key} (a second source for ${mapped.target})`);
      continue;
    }
    const stored = source.reader.entry(key).shape;
    const shape = mapped.squeeze1x1 && stored.length === 4 && stored[2] === 1 && stored[3] === 1 ? stored.slice(0, 2) : stored;
    if (!sameShape(shape, parameter.torchShape)) {
      problems.misShaped.push(`${key}: checkpoint [${stored.join(', ')}], model ${mapped.target} [${parameter.torchShape.join(', ')}]`);
      misShapedTargets.add(mapped.target);
      continue;
    }
    claimed.set(mapped.target, { parameter, target: mapped.target, source: key, reshapeTo: shape === stored ? undefined : shape });
  }
  for (const name of parameters.keys()) {
    if (!claimed.has(name) && !misShapedTargets.has(name)) problems.missing.push(name);
  }
  if (hasProblems(problems)) throw new ModelFileKeysError(component, source.reader.path, problems);
  return { module, reader: source.reader, tensors: [...claimed.values()] };
}

/**
 * Streams the planned tensors in one at a time (read, convert, copy into the parameter, free),
 * so peak memory stays near the model's own float32 weights. On any failure every parameter
 * of the module is freed again: a model is either fully loaded or holds nothing.
 */
export async function loadPlannedWeights(plan: WeightPlan): Promise<void> {
  try {
    for (const { parameter, target, source, reshapeTo } of plan.tensors) {
      const stored = await plan.reader.readWeights(source);
      let shaped: tf.Tensor | undefined;
      try {
        shaped = reshapeTo ? stored.reshape([...reshapeTo]) : stored;
        parameter.load(shaped, target);
        await parameter.settled(); // a host-resident weight leaves backend memory before the next one comes in
      } finally {
        stored.dispose();
        shaped?.dispose();
      }
    }
  } catch (error) {
    plan.module.dispose();
    throw error;
  }
}
