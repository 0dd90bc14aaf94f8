export { ModelConfigNeededError, ModelFileError, ModelFileKeysError, type KeyProblems } from './errors';
export { detectLayout, type ModelFileLayout } from './layout';
export { resolveConfigOption, type ComponentName, type ConfigOption, type RawConfigs } from './config-option';
export type { ComponentConfigs, ComponentModels } from './component-specs';
export type { ComponentSource } from './prepare-component';
export {
  loadModelFiles,
  loadComponent,
  loadTextEncoder,
  loadUnet,
  loadVae,
  type LoadModelFilesOptions,
  type LoadedModelFiles,
} from './load-model-files';
export { ldmUnetKeyMapper, type UnetStructure } from './unet-keys';
export { ldmVaeKeyMapper, type VaeStructure } from './vae-keys';
export { clipKeyMapper } from './clip-keys';
export type { KeyMapper, KeyMapping } from './key-map';
export { inferUnetConfig } from './infer-unet-config';
export { inferVaeConfig } from './infer-vae-config';
export { inferClipConfig } from './infer-clip-config';
