export * from './dtypes';
export { SafetensorsError } from './errors';
export { METADATA_KEY, parseHeader, type SafetensorsEntry, type SafetensorsHeader } from './header';
export { decodeToFloat32 } from './decode';
export { DEFAULT_MAX_HEADER_BYTES, SafetensorsReader, type SafetensorsOpenOptions } from './reader';
export { writeSafetensors, type TensorToWrite, type WriteSafetensorsOptions } from './writer';
export type { WritableDtype } from './encode';
