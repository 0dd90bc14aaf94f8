import * as tf from '@tensorflow/tfjs';
import { convGeometry } from './conv-geometry';
import { conv2dFilterGradient } from './conv2d-filter-gradient';
import { conv2dInputGradient } from './conv2d-input-gradient';
import { unsortedSegmentSum } from './unsorted-segment-sum';
import { globalAvgPoolGradient, isGlobalAvgPool } from './avg-pool-gradient';
import { batchMatMul } from './batch-mat-mul';

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

/**
 * Kernels of the package that are fast on some inputs only: ours handles the slow cases and hands
 * the rest to the package's kernel (`own`), whose setup (its wasm function bindings) it keeps.
 */
interface KernelOverride {
  kernelName: string;
  kernelFunc(args: Parameters<tf.KernelFunc>[0], own: tf.KernelFunc): ReturnType<tf.KernelFunc>;
}

const overrides: KernelOverride[] = [
  {
    kernelName: tf.BatchMatMul,
    kernelFunc: ({ inputs, attrs, backend }, own) => {
      const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
      const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const batchOf = (info: tf.TensorInfo) => info.shape.slice(0, -2).reduce((p, d) => p * d, 1);
      if (!transposeA && !transposeB && batchOf(a) === 1 && batchOf(b) === 1) return own({ inputs, attrs, backend });
      const plain = (x: tf.Tensor3D, y: tf.Tensor3D) =>
        tf.engine().makeTensorFromTensorInfo(own({ inputs: { a: x, b: y }, attrs: { transposeA: false, transposeB: false }, backend }) as tf.TensorInfo) as tf.Tensor3D;
      return withTensors([a, b], ([x, y]) => batchMatMul(x, y, transposeA, transposeB, plain));
    },
  },
  {
    kernelName: tf.AvgPoolGrad,
    kernelFunc: ({ inputs, attrs, backend }, own) => {
      const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
      if (!isGlobalAvgPool(input.shape, dy.shape, attrs as unknown as tf.AvgPoolGradAttrs)) return own({ inputs, attrs, backend });
      return withTensors([dy], ([g]) => globalAvgPoolGradient(g as tf.Tensor4D, input.shape as [number, number, number, number]));
    },
  },
];

/** The names of the kernels registerWasmTrainingKernels installs (for reports and tests). */
export const wasmTrainingKernelNames = [...kernels, ...overrides].map((k) => k.kernelName);

/** The package's own kernels that overrides replaced, by name: captured once. */
const packageKernels = new Map<string, tf.KernelConfig>();

/** Installs our kernels for the wasm backend, replacing its own; safe to call more than once. */
export function registerWasmTrainingKernels(): void {
  for (const kernel of kernels) install(kernel);
  for (const override of overrides) {
    let own = packageKernels.get(override.kernelName);
    if (!own) {
      own = tf.getKernel(override.kernelName, BACKEND);
      if (!own) throw new Error(`tfjs-backend-wasm has no ${override.kernelName} kernel to extend`);
      packageKernels.set(override.kernelName, own);
      const ownFunc = own.kernelFunc;
      install({ ...own, kernelFunc: (args) => override.kernelFunc(args, ownFunc) });
    }
  }
}

function install(kernel: tf.KernelConfig): void {
  const current = tf.getKernel(kernel.kernelName, BACKEND);
  if (current?.kernelFunc === kernel.kernelFunc) return;
  if (current) tf.unregisterKernel(kernel.kernelName, BACKEND); // avoids tfjs's "already registered" warning
  tf.registerKernel(kernel);
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
