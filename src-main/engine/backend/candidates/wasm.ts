import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { reasonOf, type BackendOptions, type Candidate } from '../candidate';
import { registerWasmTrainingKernels } from '../wasm-kernels/register';
import { createThreadedWasmModule, settleWorkers, WASM_MAX_THREADS } from '../wasm-threads/threaded-module';

const specifier = '@tensorflow/tfjs-backend-wasm';
/** tfjs-backend-wasm's own registration priority, kept when ours replaces it. */
const WASM_PRIORITY = 2;

/** Every core, up to what the threaded build's worker pool holds. */
export function defaultWasmThreads(): number {
  return Math.min(availableParallelism(), WASM_MAX_THREADS);
}

/** XNNPACK compiled to WebAssembly (SIMD): the CPU workhorse, on every core (see wasm-threads/). */
export const wasmCandidate: Candidate = {
  name: 'wasm',
  async prepare(options: BackendOptions) {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The .wasm binaries sit next to the package's Node entry; say so with a file path, since
    // bundlers and test runners move the JavaScript away from them.
    wasm.setWasmPaths(`${dirname(createRequire(import.meta.url).resolve(specifier))}/`);
    const asked = Math.min(options.threads ?? defaultWasmThreads(), WASM_MAX_THREADS);
    wasm.setThreadsCount(asked); // read by BackendWasm's constructor, at setBackend
    let threadsUnavailable = '';
    if (asked > 1) {
      if (wasmAlreadyStarted()) {
        threadsUnavailable = 'the single-threaded wasm backend was already started in this process';
      } else {
        try {
          const module = await createThreadedWasmModule(asked);
          tf.removeBackend('wasm');
          tf.registerBackend(
            'wasm',
            () => {
              const backend = new wasm.BackendWasm(module);
              settleWorkers(module);
              return backend;
            },
            WASM_PRIORITY,
          );
        } catch (error) {
          threadsUnavailable = `threaded build failed to start: ${reasonOf(error)}`;
        }
      }
    }
    registerWasmTrainingKernels(); // after the package's own kernels, which it replaces
    return {
      async start() {
        if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
        const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'simd' : 'no simd';
        const threads = wasm.getThreadsCount();
        const why = threads !== asked ? `, ${asked} asked${threadsUnavailable ? `: ${threadsUnavailable}` : ''}` : '';
        return `${simd}, ${threads} thread${threads === 1 ? '' : 's'}${why}`;
      },
    };
  },
};

/** Whether tfjs already made a wasm backend (a test's setBackend('wasm'), say): it stays as it is. */
function wasmAlreadyStarted(): boolean {
  // findBackend would start the package's own build as a side effect; the registry only looks.
  const engine = tf.engine() as unknown as { registry: Record<string, unknown> };
  return 'wasm' in engine.registry;
}
