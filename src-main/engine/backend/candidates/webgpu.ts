import * as tf from '@tensorflow/tfjs';
import type { Candidate } from '../candidate';
import { registerChunkedAddN } from '../webgpu-kernels/chunked-add-n';
import { findDawnAdapter, type DawnAdapter } from './dawn';

// Limits tfjs-backend-webgpu's shaders rely on: ask for what the adapter has, not WebGPU's small defaults.
const computeLimits = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeInvocationsPerWorkgroup',
  'maxStorageBufferBindingSize',
  'maxStorageBuffersPerShaderStage',
  'maxBufferSize',
] as const;

/** tfjs-backend-webgpu on Dawn. A software adapter works but is slower than wasm, so it is only used when forced. */
export const webgpuCandidate: Candidate = {
  name: 'webgpu',
  async prepare() {
    const found = await findDawnAdapter();
    const name = found.device.replace(/-.*$/, '');
    return {
      demoted: found.software ? `software adapter ${name} (a CPU rasteriser, several times slower than wasm), use --backend webgpu to force` : undefined,
      async start() {
        await registerTfjsWebgpu(found);
        if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs webgpu backend failed to start');
        return `${found.device}, ${found.description}${found.software ? ', software renderer' : ''}`;
      },
    };
  },
};

let registered = false;

/** Registers tfjs's 'webgpu' backend on our adapter (its own factory would ask for a default adapter, which Dawn may not have). */
async function registerTfjsWebgpu(found: DawnAdapter): Promise<void> {
  if (registered) return;
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav) Object.defineProperty(nav, 'gpu', { value: found.gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu: found.gpu }, configurable: true, writable: true });

  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu'); // also registers its kernels
  registerChunkedAddN();
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  const requiredLimits = Object.fromEntries(computeLimits.map((l) => [l, found.adapter.limits[l]]));
  const requiredFeatures = (['timestamp-query'] as GPUFeatureName[]).filter((f) => found.adapter.features.has(f));
  tf.registerBackend(
    'webgpu',
    async () => new WebGPUBackend(await found.adapter.requestDevice({ requiredLimits, requiredFeatures }), found.adapter.info),
    0, // never picked by tfjs on its own; initBackend decides
  );
  registered = true;
}
