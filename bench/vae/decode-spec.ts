import type { DecodeMode } from '../../src-main/engine/models/vae/autoencoder-kl';
import type { WeightResidency } from '../../src-main/engine/nn/weight-residency';

export interface VaeDecodeSpec {
  mode: DecodeMode;
  residency: WeightResidency;
  threads?: number;
}

export interface VaeDecodeResult {
  backend: string;
  ms: number;
  weightBytes: number;
  /** RSS when the decode started (weights loaded), and its peak during the decode. */
  rssBeforeBytes: number;
  peakRssBytes: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  /** Mean |pixel|: the same decode gives the same figure whichever way it ran. */
  checksum: number;
}

export const VAE_DECODE_PREFIX = 'VAE_DECODE_RESULT ';
