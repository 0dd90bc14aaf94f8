export { SD15_UNET_CONFIG, unetConfigFrom, unetLevels, type UNet2DConditionConfig, type UNetLevel } from './config';
export {
  UNet2DConditionModel,
  type BlockCaller,
  type BlockFunction,
  type UNetBlockOutputs,
  type UNetForwardOptions,
  type UNetOutput,
} from './unet-2d-condition';
