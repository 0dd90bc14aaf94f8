import * as tf from '@tensorflow/tfjs';
import type { AdaptableLayer, LayerWrapper } from '../../nn/adaptable';
import type { AdapterLayer, RouteListener } from '../base';
import { tokenMean, tokenView } from '../token-view';

/** One adapter on a layer, with the weight it currently has (0 = off). */
export interface BlendSlot {
  layer: AdapterLayer;
  weight: number;
  onRoute?: RouteListener;
}

/**
 * The ONE wrapper a base layer carries however many adapters are attached (spec section 5):
 *
 *     y = mu + (1 + sum_{STA} w_i gamma_i)(h - mu) + sum_{non-STA} w_i delta_i
 *
 * computed as h + (sum w_i gamma_i)(h - mu) + sum w_i delta_i: the same value, but exactly h
 * when every gamma and delta is 0 (at init), where mu + (h - mu) would round. Slots with weight
 * 0 are skipped, so an adapter that is off costs nothing and changes no bit. A wrapper found
 * on the layer when this one was installed (`inner`) still computes h.
 */
export class BlendWrapper implements LayerWrapper {
  readonly slots: BlendSlot[] = [];

  constructor(readonly inner: LayerWrapper | null) {}

  apply(x: tf.Tensor, base: (x: tf.Tensor) => tf.Tensor, layer: AdaptableLayer): tf.Tensor {
    const active = this.slots.filter((s) => s.weight !== 0);
    const frozen = () => (this.inner ? this.inner.apply(x, base, layer) : base(x));
    if (active.length === 0) return frozen();
    return tf.tidy(() => {
      const h = frozen();
      const sum = (slots: BlendSlot[]) =>
        slots.map((s) => s.layer.effect(x, s.onRoute).mul(s.weight)).reduce((a: tf.Tensor | null, e) => (a ? a.add(e) : e), null);
      const gamma = sum(active.filter((s) => s.layer.sta));
      const delta = sum(active.filter((s) => !s.layer.sta));
      let y = h;
      if (gamma) {
        const centred = tokenView(h).sub(tokenMean(h)); // (B, N, d_out): h - mu, mu over tokens per sample and channel
        y = y.add(gamma.mul(centred.reshape(h.shape)));
      }
      return delta ? y.add(delta) : y;
    });
  }
}
