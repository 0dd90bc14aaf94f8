import * as tf from '@tensorflow/tfjs';
import { BackendUnavailable, isMissingPackage, reasonOf, type Candidate } from '../candidate';

/** What the libtensorflow binding of tfjs-node(-gpu) exposes about itself. */
interface TensorflowBinding {
  TF_Version?: string;
  isUsingGpuDevice?: () => boolean;
}

/** Imports a tfjs-node build, which registers tfjs's 'tensorflow' backend, and starts it. */
async function loadTensorflow(specifier: string): Promise<TensorflowBinding> {
  try {
    await import(/* @vite-ignore */ specifier); // a variable: the package is optional and absent at type-check time
  } catch (error) {
    throw new BackendUnavailable(isMissingPackage(error, specifier) ? 'package not installed' : reasonOf(error));
  }
  if (!(await tf.setBackend('tensorflow'))) throw new BackendUnavailable(`${specifier} loaded but its backend failed to start`);
  return (tf.backend() as unknown as { binding?: TensorflowBinding }).binding ?? {};
}

function describe(binding: TensorflowBinding, device: string): string {
  return `libtensorflow ${binding.TF_Version ?? '?'}, ${device}`;
}

/** TensorFlow's C library with CUDA (@tensorflow/tfjs-node-gpu), only when it sees a GPU. */
export const tensorflowGpuCandidate: Candidate = {
  name: 'tensorflow-gpu',
  async prepare() {
    const binding = await loadTensorflow('@tensorflow/tfjs-node-gpu');
    if (!binding.isUsingGpuDevice?.()) throw new BackendUnavailable('loaded but sees no CUDA GPU');
    return {
      async start() {
        await tf.setBackend('tensorflow');
        return describe(binding, 'CUDA GPU');
      },
    };
  },
};

/** TensorFlow's C library on the CPU (@tensorflow/tfjs-node). */
export const tensorflowCpuCandidate: Candidate = {
  name: 'tensorflow',
  async prepare() {
    const binding = await loadTensorflow('@tensorflow/tfjs-node').catch((error: unknown) => {
      // The CUDA build also runs on the CPU when it finds no GPU.
      if (reasonOf(error) === 'package not installed') return loadTensorflow('@tensorflow/tfjs-node-gpu');
      throw error;
    });
    return {
      async start() {
        await tf.setBackend('tensorflow');
        return describe(binding, 'CPU');
      },
    };
  },
};
