import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-backend-webgpu's AddN binds every input, plus the output, as a storage buffer of ONE
 * shader. A device allows only `maxStorageBuffersPerShaderStage` of those (8 by WebGPU's
 * default, 16 on Mesa's GL ES adapter), so summing many tensors, e.g. the squared norms of a
 * LoRA's 96 gradients in clipGradientsByGlobalNorm, fails in Dawn with
 * "The number of storage buffers (97) in the Compute stage exceeds the maximum per-stage
 * limit (8)" while creating the "AddNPackedProgram" pipeline (then every bind group built on
 * it is an "Invalid BindGroupLayout"). This wrapper sums in chunks that fit the device's limit,
 * then sums the partial sums, with tfjs's own kernel doing every addition.
 */

/** What this wrapper needs of tfjs's WebGPUBackend. */
interface WebgpuBackendLike extends tf.KernelBackend {
  device: { limits: { maxStorageBuffersPerShaderStage: number } };
}

let installed: tf.KernelFunc | undefined;

/** Replaces the webgpu AddN kernel with the chunked one; safe to call more than once. */
export function registerChunkedAddN(): void {
  const current = tf.getKernel(tf.AddN, 'webgpu');
  if (!current) throw new Error('tfjs-backend-webgpu registered no AddN kernel');
  if (current.kernelFunc === installed) return;
  const original = current.kernelFunc;
  installed = (args) => chunkedAddN(args.inputs as unknown as tf.TensorInfo[], args.backend as WebgpuBackendLike, (inputs) => original({ ...args, inputs: inputs as unknown as tf.NamedTensorInfoMap }) as tf.TensorInfo);
  tf.unregisterKernel(tf.AddN, 'webgpu');
  tf.registerKernel({ kernelName: tf.AddN, backendName: 'webgpu', kernelFunc: installed });
}

function chunkedAddN(inputs: readonly tf.TensorInfo[], backend: WebgpuBackendLike, addN: (inputs: tf.TensorInfo[]) => tf.TensorInfo): tf.TensorInfo {
  const perShader = backend.device.limits.maxStorageBuffersPerShaderStage - 1; // one buffer is the output
  if (inputs.length <= perShader) return addN([...inputs]);
  const partials: tf.TensorInfo[] = [];
  for (let start = 0; start < inputs.length; start += perShader) {
    const chunk = inputs.slice(start, start + perShader);
    partials.push(chunk.length === 1 ? chunk[0] : addN(chunk));
  }
  const sum = chunkedAddN(partials, backend, addN);
  // The partial sums are ours to free; a lone input carried over belongs to the caller.
  for (const p of partials) if (!inputs.includes(p)) backend.disposeData(p.dataId);
  return sum;
}
