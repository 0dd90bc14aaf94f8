export { AutoencoderKL, type DecodeMode, type VaeLatentDistribution } from './autoencoder-kl';
export { SD15_VAE_CONFIG, vaeConfigFrom, type AutoencoderKLConfig } from './config';
export type { DiagonalGaussian } from './diagonal-gaussian';
