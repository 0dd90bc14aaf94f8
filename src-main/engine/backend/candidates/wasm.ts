import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { BackendOptions, Candidate } from '../candidate';
import { registerWasmTrainingKernels } from '../wasm-kernels/register';

const specifier = '@tensorflow/tfjs-backend-wasm';

/** XNNPACK compiled to WebAssembly (SIMD): the CPU workhorse. */
export const wasmCandidate: Candidate = {
  name: 'wasm',
  async prepare(options: BackendOptions) {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The .wasm binaries sit next to the package's Node entry; say so with a file path, since
    // bundlers and test runners move the JavaScript away from them.
    wasm.setWasmPaths(`${dirname(createRequire(import.meta.url).resolve(specifier))}/`);
    if (options.threads !== undefined) wasm.setThreadsCount(options.threads); // must precede setBackend
    registerWasmTrainingKernels(); // after the package's own kernels, which it replaces
    return {
      async start() {
        if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
        const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'simd' : 'no simd';
        const threads = wasm.getThreadsCount();
        const asked =
          options.threads !== undefined && options.threads !== threads
            ? `, ${options.threads} asked: ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'not granted' : 'no wasm threads in Node'}`
            : '';
        return `${simd}, ${threads} thread${threads === 1 ? '' : 's'}${asked}`;
      },
    };
  },
};
