import * as tf from '@tensorflow/tfjs';
import { backendNames, parseBackendName, type BackendName } from './backend-name';
import { reasonOf, type BackendOptions, type Candidate, type PreparedBackend } from './candidate';
import { cpuCandidate } from './candidates/cpu';
import { tensorflowCpuCandidate, tensorflowGpuCandidate } from './candidates/tensorflow';
import { wasmCandidate } from './candidates/wasm';
import { webgpuCandidate } from './candidates/webgpu';
import { makeReport, type BackendReport, type SkippedBackend } from './report';

export interface InitBackendOptions extends BackendOptions {
  /** Use this backend or fail; overrides STYLEINJECT_BACKEND. */
  force?: BackendName;
}

const candidates: Record<BackendName, Candidate> = {
  'tensorflow-gpu': tensorflowGpuCandidate,
  tensorflow: tensorflowCpuCandidate,
  webgpu: webgpuCandidate,
  wasm: wasmCandidate,
  cpu: cpuCandidate,
};

// Preparing loads native modules and opens devices: once per process is enough.
const prepared = new Map<BackendName, Promise<PreparedBackend>>();

function prepare(name: BackendName, options: BackendOptions): Promise<PreparedBackend> {
  let p = prepared.get(name);
  if (!p) {
    p = candidates[name].prepare(options);
    prepared.set(name, p);
  }
  return p;
}

/**
 * Makes the best backend here tfjs's active one: tensorflow-gpu > tensorflow > webgpu (a real
 * GPU only) > wasm > cpu, unless `force` or STYLEINJECT_BACKEND names one, which must then work.
 */
export async function initBackend(given: InitBackendOptions = {}): Promise<BackendReport> {
  const options = { ...given, threads: given.threads ?? threadsFromEnv() };
  const fromEnv = process.env.STYLEINJECT_BACKEND?.trim();
  if (options.force) return startForced(options.force, 'option', options);
  if (fromEnv) return startForced(parseBackendName(fromEnv, 'STYLEINJECT_BACKEND'), 'STYLEINJECT_BACKEND', options);

  const skipped: SkippedBackend[] = [];
  for (const name of backendNames) {
    try {
      const backend = await prepare(name, options);
      if (backend.demoted) {
        skipped.push({ name, reason: backend.demoted });
        continue;
      }
      const detail = await backend.start();
      return makeReport({ backend: name, detail, chosenBy: 'auto', skipped });
    } catch (error) {
      skipped.push({ name, reason: reasonOf(error) });
    }
  }
  throw new Error(`no backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

async function startForced(name: BackendName, by: 'option' | 'STYLEINJECT_BACKEND', options: BackendOptions): Promise<BackendReport> {
  try {
    const detail = await (await prepare(name, options)).start();
    return makeReport({ backend: name, detail, chosenBy: by, skipped: [] });
  } catch (error) {
    const source = by === 'option' ? 'was forced' : `was forced by STYLEINJECT_BACKEND=${name}`;
    throw new Error(`backend ${name} ${source} but cannot start here: ${reasonOf(error)}`);
  }
}

export interface BackendProbe {
  name: BackendName;
  ok: boolean;
  /** The backend's description when ok, otherwise why it cannot start. */
  detail: string;
  /** Why auto-selection passes it over although it starts (e.g. a software GPU adapter). */
  demoted?: string;
}

/**
 * Starts every backend in turn (software GPUs included) to see which work here, then puts
 * back the one that was active. For tests and diagnostics.
 */
export async function probeBackends(options: BackendOptions = {}): Promise<BackendProbe[]> {
  const before = tf.getBackend();
  const probes: BackendProbe[] = [];
  for (const name of backendNames) {
    try {
      const backend = await prepare(name, options);
      probes.push({ name, ok: true, detail: await backend.start(), ...(backend.demoted && { demoted: backend.demoted }) });
    } catch (error) {
      probes.push({ name, ok: false, detail: reasonOf(error) });
    }
  }
  if (before) await tf.setBackend(before);
  return probes;
}

/** The backends that initialise on this machine. */
export async function availableBackends(options: BackendOptions = {}): Promise<BackendName[]> {
  return (await probeBackends(options)).filter((p) => p.ok).map((p) => p.name);
}

/**
 * STYLEINJECT_THREADS, when set: the thread count for backends that take one, as --threads gives
 * it. For runs that already spread work over the cores themselves (the test runner's processes).
 */
function threadsFromEnv(): number | undefined {
  const text = process.env.STYLEINJECT_THREADS?.trim();
  if (!text) return undefined;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1) throw new Error(`STYLEINJECT_THREADS wants a positive integer, got '${text}'`);
  return count;
}
