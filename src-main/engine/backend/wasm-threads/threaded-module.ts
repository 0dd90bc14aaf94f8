import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** The Emscripten module BackendWasm runs on (its `wasm` field), threaded build. */
export type WasmModule = BackendWasm['wasm'];

/** The parts of Emscripten's pthread pool (the `PThread` object the glue exports) we manage. */
interface PthreadPool {
  unusedWorkers: { terminate(): void }[];
  runningWorkers: { unref(): void }[];
}

interface EmscriptenImports extends WebAssembly.Imports {
  env: Record<string, WebAssembly.ImportValue>;
}

/** The glue's module before tfjs's bridge (`tfjs`) is added. */
type EmscriptenModule = WasmModule & {
  PThread: PthreadPool;
  cwrap(name: string, returns: 'number' | null, args: 'number'[]): (...args: number[]) => number;
};

type ModuleFactory = (config: {
  locateFile(path: string): string;
  mainScriptUrlOrBlob: string;
  instantiateWasm(imports: EmscriptenImports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void): object;
}) => Promise<EmscriptenModule>;

/** The threaded build's pool holds this many workers (PTHREAD_POOL_SIZE at tfjs's compile time). */
export const WASM_MAX_THREADS = 8;

const requireHere = createRequire(import.meta.url);
const BUILD = 'tfjs-backend-wasm-threaded-simd';
/** Loading takes about a second; a worker that fails to load leaves Emscripten waiting forever. */
const START_TIMEOUT_MS = 60_000;

/**
 * Starts tfjs-backend-wasm's threaded SIMD build under Node with `threads` threads (the calling
 * thread and threads - 1 workers). tfjs switches it off in Node (tensorflow/tfjs#3830): its
 * loader hands the Emscripten glue Blob URLs, which Node's worker_threads cannot open. The glue
 * itself supports Node, so this gives it files instead:
 * - the pthread worker script and the glue, written to a private temporary folder (the workers
 *   load both by path; copies, so that none is read from inside an Electron asar);
 * - the .wasm instantiated here, through Emscripten's instantiateWasm hook, where one import is
 *   replaced: tfjs caps its XNNPACK pool at half the logical cores Emscripten reports (it assumes
 *   two hyperthreads per core), so the core count reported is twice the threads wanted.
 */
export async function createThreadedWasmModule(threads: number): Promise<WasmModule> {
  if (!Number.isInteger(threads) || threads < 2 || threads > WASM_MAX_THREADS) {
    throw new Error(`the threaded wasm build takes 2 to ${WASM_MAX_THREADS} threads, got ${threads}`);
  }
  const packageDir = dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const files = writeRuntimeFiles(packageDir);
  const binary = readFileSync(join(packageDir, 'dist', `${BUILD}.wasm`));
  const factory = requireHere(files.glue) as ModuleFactory;
  const listenersBefore = processListeners();
  let fail: (error: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const timer = setTimeout(() => fail(new Error(`its workers did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
  const started = factory({
    locateFile: (path) => (path.endsWith('.worker.js') ? files.worker : join(packageDir, 'dist', path)),
    mainScriptUrlOrBlob: files.glue,
    instantiateWasm(imports, receive) {
      imports.env.emscripten_num_logical_cores = () => 2 * threads;
      WebAssembly.instantiate(binary, imports).then(({ instance, module }) => receive(instance, module), fail);
      return {}; // Emscripten: the exports come later, through receive
    },
  });
  const module = await Promise.race([started, failed]).finally(() => {
    clearTimeout(timer);
    removeListenersAddedSince(listenersBefore);
  });
  // The same bridge tfjs's own loader adds (its init() is not exported).
  const call = (name: string, returns: 'number' | null, args: 'number'[]) => module.cwrap(name, returns, args);
  module.tfjs = {
    init: call('init', null, []),
    initWithThreadsCount: call('init_with_threads_count', null, ['number']),
    getThreadsCount: call('get_threads_count', 'number', []),
    registerTensor: call('register_tensor', null, ['number', 'number', 'number']),
    disposeData: call('dispose_data', null, ['number']),
    dispose: call('dispose', null, []),
  };
  return module;
}

/**
 * After BackendWasm has made its XNNPACK pool (in its constructor): ends the pool's idle workers
 * (Emscripten starts 8; each holds about 8 MB) and lets the process exit while the pool's own
 * workers wait for work (Emscripten keeps a running pthread's worker referenced).
 */
export function settleWorkers(module: WasmModule): void {
  const pool = (module as WasmModule & { PThread?: PthreadPool }).PThread;
  if (!pool) return;
  for (const worker of pool.unusedWorkers.splice(0)) worker.terminate();
  for (const worker of pool.runningWorkers) worker.unref();
}

/** Writes the glue and the worker script where worker_threads can load them; removed at exit. */
function writeRuntimeFiles(packageDir: string): { glue: string; worker: string } {
  const dir = mkdtempSync(join(tmpdir(), 'styleinject-wasm-threads-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const glue = join(dir, `${BUILD}.cjs`);
  const worker = join(dir, `${BUILD}.worker.cjs`);
  writeFileSync(glue, readFileSync(join(packageDir, 'wasm-out', `${BUILD}.js`)));
  const { wasmWorkerContents } = requireHere(join(packageDir, 'wasm-out', `${BUILD}.worker.js`)) as { wasmWorkerContents: string };
  // The package keeps the worker as a template literal, which turned the script's "\n" escapes
  // into line breaks inside string literals; the script is one line, so every break is one.
  writeFileSync(worker, wasmWorkerContents.replace(/\n/g, '\\n'));
  return { glue, worker };
}

const processEvents = ['uncaughtException', 'unhandledRejection'] as const;
type Listener = (...args: unknown[]) => void;
// The untyped EventEmitter view: Process's typings overload listeners() per event name.
const emitter = process as unknown as { listeners(event: string): Listener[]; removeListener(event: string, listener: Listener): void };

function processListeners(): Map<string, Set<Listener>> {
  return new Map(processEvents.map((event) => [event, new Set(emitter.listeners(event))]));
}

/**
 * The glue installs process handlers that rethrow every uncaught error and rejection from inside
 * its one-line source (Node then prints all of it); errors are the host's to handle.
 */
function removeListenersAddedSince(before: Map<string, Set<Listener>>): void {
  for (const event of processEvents) {
    for (const listener of emitter.listeners(event)) if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener);
  }
}
