import * as tf from '@tensorflow/tfjs';
import { convGeometry } from './conv-geometry';
import { conv2dFilterGradient } from './conv2d-filter-gradient';
import { conv2dInputGradient } from './conv2d-input-gradient';
import { unsortedSegmentSum } from './unsorted-segment-sum';

const BACKEND = 'wasm';

/** Kernels a training step needs that tfjs-backend-wasm lacks (or runs as a slow loop), built from wasm ops. */
const kernels: tf.KernelConfig[] = [
  {
    kernelName: tf.Conv2DBackpropFilter,
    backendName: BACKEND,
    kernelFunc: ({ inputs, attrs }) =>
      withTensors([inputs.x, inputs.dy], ([x, dy]) => {
        const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
        const g = convGeometry(x.shape as [number, number, number, number], a.filterShape, a);
        return conv2dFilterGradient(x as tf.Tensor4D, dy as tf.Tensor4D, g);
      }),
  },
  {
    kernelName: tf.Conv2DBackpropInput,
    backendName: BACKEND,
    kernelFunc: ({ inputs, attrs }) =>
      withTensors([inputs.dy, inputs.filter], ([dy, filter]) => {
        const a = attrs as unknown as tf.Conv2DBackpropInputAttrs;
        const g = convGeometry(a.inputShape, filter.shape as [number, number, number, number], a);
        return conv2dInputGradient(dy as tf.Tensor4D, filter as tf.Tensor4D, g);
      }),
  },
  {
    kernelName: tf.UnsortedSegmentSum,
    backendName: BACKEND,
    kernelFunc: ({ inputs, attrs }) =>
      withTensors([inputs.x, inputs.segmentIds], ([x, ids]) =>
        unsortedSegmentSum(x, ids, (attrs as unknown as tf.UnsortedSegmentSumAttrs).numSegments),
      ),
  },
];

/** The names of the kernels registerWasmTrainingKernels installs (for reports and tests). */
export const wasmTrainingKernelNames = kernels.map((k) => k.kernelName);

/** Installs our kernels for the wasm backend, replacing its own; safe to call more than once. */
export function registerWasmTrainingKernels(): void {
  for (const kernel of kernels) {
    const current = tf.getKernel(kernel.kernelName, BACKEND);
    if (current?.kernelFunc === kernel.kernelFunc) continue;
    if (current) tf.unregisterKernel(kernel.kernelName, BACKEND); // avoids tfjs's "already registered" warning
    tf.registerKernel(kernel);
  }
}

/**
 * Runs `body` on Tensor views of a kernel's inputs. Kernels receive TensorInfos; the views share
 * their data and are disposed by the tidy, which keeps only the returned result.
 */
function withTensors(inputs: (tf.TensorInfo | undefined)[], body: (tensors: tf.Tensor[]) => tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const tensors = inputs.map((info) => {
      if (!info) throw new Error('wasm training kernel called without one of its inputs');
      return info instanceof tf.Tensor ? info : tf.engine().makeTensorFromTensorInfo(info);
    });
    return body(tensors);
  });
}
