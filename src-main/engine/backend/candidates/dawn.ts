import { BackendUnavailable, isMissingPackage, reasonOf } from '../candidate';

/** A WebGPU adapter from Dawn (the `webgpu` package), with what the report needs to know about it. */
export interface DawnAdapter {
  gpu: GPU;
  adapter: GPUAdapter;
  /** Dawn's name for the device, e.g. "llvmpipe-llvm-15-0-6-256-bits-". */
  device: string;
  description: string;
  /** Which Dawn backend found it: the platform default (Metal, D3D12, Vulkan) or OpenGL ES. */
  via: 'default' | 'opengles';
  /** A CPU rasteriser posing as a GPU (Mesa llvmpipe/lavapipe, SwiftShader, WARP). */
  software: boolean;
}

const softwareRenderers = /llvmpipe|lavapipe|softpipe|swiftshader|microsoft basic render|\bwarp\b/i;

/**
 * Finds an adapter: the platform's native API first; on Linux without one, OpenGL ES on a
 * surfaceless EGL display, which is what works on headless machines (Vulkan's lavapipe lacks
 * features tfjs needs), and only in WebGPU's compatibility mode.
 */
export async function findDawnAdapter(): Promise<DawnAdapter> {
  let dawn: { create(flags: string[]): GPU; globals: object };
  try {
    dawn = await import('webgpu');
  } catch (error) {
    throw new BackendUnavailable(isMissingPackage(error, 'webgpu') ? 'package not installed' : reasonOf(error));
  }
  Object.assign(globalThis, dawn.globals); // GPUBufferUsage, GPUMapMode ...: tfjs-backend-webgpu reads them as globals

  const native = dawn.create([]);
  const nativeAdapter = await native.requestAdapter({ powerPreference: 'high-performance' });
  if (nativeAdapter) return describe(native, nativeAdapter, 'default');

  if (process.platform === 'linux') {
    process.env.EGL_PLATFORM ??= 'surfaceless'; // read by Mesa when Dawn opens its GL context
    const gles = dawn.create(['backend=opengles']);
    const glesAdapter = await gles.requestAdapter({ featureLevel: 'compatibility' } as GPURequestAdapterOptions);
    if (glesAdapter) return describe(gles, glesAdapter, 'opengles');
  }
  throw new BackendUnavailable('no WebGPU adapter found by Dawn');
}

function describe(gpu: GPU, adapter: GPUAdapter, via: DawnAdapter['via']): DawnAdapter {
  const info = adapter.info;
  const device = (info.device || info.vendor || 'unknown device').replace(/-+$/, '');
  const software = (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter === true || softwareRenderers.test(`${info.device} ${info.description}`);
  return { gpu, adapter, device, description: info.description, via, software };
}
