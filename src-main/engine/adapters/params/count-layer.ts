import type { AdapterShapeSettings } from '../settings';

/** A targeted layer's shape: widths and the down matrix's kernel (kh*kw; 1 for Linear). */
export interface LayerGeometry {
  dIn: number;
  dOut: number;
  kernelArea: number;
}

export interface LayerParams {
  down: number;
  up: number;
  router: number;
  gamma: number;
  total: number;
}

/**
 * Parameters of one adapted layer (spec section 4), from shapes alone:
 *   LoRA:        r*d_in + r*d_out
 *   StyleInject: K*r*d_in + r*d_out + 2*K*d_in (router, when DMA is on, even for K = 1) + d_out (w_gamma, when STA is on)
 * A conv's down matrix carries its kernel (r x d_in x kh x kw); a Linear's kernel area is 1.
 */
export function layerParams(settings: AdapterShapeSettings, layer: LayerGeometry): LayerParams {
  const styleinject = settings.method === 'styleinject';
  const k = styleinject && settings.dma ? settings.k : 1;
  const down = k * settings.rank * layer.dIn * layer.kernelArea;
  const up = settings.rank * layer.dOut;
  const router = styleinject && settings.dma ? 2 * k * layer.dIn : 0;
  const gamma = styleinject && settings.sta ? layer.dOut : 0;
  return { down, up, router, gamma, total: down + up + router + gamma };
}
