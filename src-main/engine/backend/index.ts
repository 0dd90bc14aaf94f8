// The engine's compute backend: the only place that knows the platform and its packages.
export { backendNames, isBackendName, parseBackendName, type BackendName } from './backend-name';
export { initBackend, probeBackends, availableBackends, type InitBackendOptions, type BackendProbe } from './init-backend';
export type { BackendReport, SkippedBackend } from './report';
export { registerWasmTrainingKernels, wasmTrainingKernelNames } from './wasm-kernels/register';
export { backendTraits, type BackendTraits } from './traits';
