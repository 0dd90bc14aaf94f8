import * as tf from '@tensorflow/tfjs';

/**
 * What the engine's shared code paths need to know about the backend they run on, so that no
 * module outside backend/ names a backend: one code path, tuned by these facts.
 */
export interface BackendTraits {
  /**
   * Its batched matMul is a real kernel (GPUs, libtensorflow); wasm's is a scalar loop, so
   * attention there issues 2-d products per sample and head instead.
   */
  fastBatchedMatMul: boolean;
  /**
   * Its tensors live in a bounded heap (wasm: 4 GiB in all) or in JS memory beside any host
   * copy (cpu), so a model larger than a budget keeps its weights on the host.
   */
  boundedMemory: boolean;
}

const TRAITS: Record<string, BackendTraits> = {
  wasm: { fastBatchedMatMul: false, boundedMemory: true },
  cpu: { fastBatchedMatMul: true, boundedMemory: true },
};
const ACCELERATOR: BackendTraits = { fastBatchedMatMul: true, boundedMemory: false }; // webgpu, tensorflow (CPU or CUDA)

/** The traits of a tfjs backend by name (default: the active one). */
export function backendTraits(tfBackend: string = tf.getBackend()): BackendTraits {
  return TRAITS[tfBackend] ?? ACCELERATOR;
}
