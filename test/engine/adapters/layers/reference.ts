import * as tf from '@tensorflow/tfjs';
import type { AdapterLayerState } from '../../../../src-main/engine/adapters/adapter';
import { Conv2d } from '../../../../src-main/engine/nn/conv2d';
import type { AdaptableLayer } from '../../../../src-main/engine/nn/adaptable';

/**
 * The spec's layer math written out the slow, literal way for comparison: one projection
 * per branch (A_k sliced from the stack), the router from explicit mean/std, STA as
 * mu + (1 + gamma)(h - mu). Works on (B, N, d) sequences and NHWC maps.
 */

/** alpha_route = softmax(R [mean_N(x), sqrt(var_N(x) + 1e-5)]): (B, K). */
export function referenceRoute(x: tf.Tensor, router: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    x = withTokenAxis(x);
    const axes = x.rank === 4 ? [1, 2] : [1];
    const mean = x.mean(axes); // (B, d_in)
    const std = x.sub(x.mean(axes, true)).square().mean(axes).add(1e-5).sqrt(); // (B, d_in)
    const logits = tf.matMul(tf.concat([mean, std], 1), router.transpose() as tf.Tensor2D); // (B, K)
    return tf.softmax(logits) as tf.Tensor2D;
  });
}

/** delta = s * B(sum_k alpha_k A_k(x)), each A_k applied separately. */
export function referenceDelta(x: tf.Tensor, state: AdapterLayerState, base: AdaptableLayer): tf.Tensor {
  return tf.tidy(() => {
    const [dOut, r] = state.up.shape as number[];
    const k = (state.down.shape as number[])[0] / r;
    const alpha = state.router && k > 1 ? referenceRoute(x, state.router) : tf.ones([x.shape[0], 1]);
    let z: tf.Tensor | null = null;
    for (let b = 0; b < k; b++) {
      const downK = state.down.slice(b * r, r); // (r, d_in[, kh, kw])
      const zk = branch(x, downK, base); // (..., r)
      const w = alpha.slice([0, b], [-1, 1]).reshape([x.shape[0], ...zk.shape.slice(1, -1).map(() => 1), 1]); // (B, 1.., 1)
      z = z ? z.add(zk.mul(w)) : zk.mul(w);
    }
    const up = state.up.reshape([dOut, r]); // (d_out, r)
    const lead = (z as tf.Tensor).shape.slice(0, -1);
    const out = tf.matMul((z as tf.Tensor).reshape([-1, r]) as tf.Tensor2D, up.transpose() as tf.Tensor2D); // (rows, d_out)
    return out.reshape([...lead, dOut]).mul(state.alpha / r);
  });
}

/** y = mu + (1 + gamma)(h - mu), mu = mean of h over tokens. */
export function referenceSta(h: tf.Tensor, gamma: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const h3 = withTokenAxis(h);
    const mu = h3.mean(h3.rank === 4 ? [1, 2] : [1], true);
    return mu.add(gamma.reshape(h3.shape).add(1).mul(h3.sub(mu))).reshape(h.shape);
  });
}

/** A (B, d) input is one token per sample: (B, 1, d). */
function withTokenAxis(t: tf.Tensor): tf.Tensor {
  return t.rank === 2 ? t.expandDims(1) : t;
}

function branch(x: tf.Tensor, downK: tf.Tensor, base: AdaptableLayer): tf.Tensor {
  if (base instanceof Conv2d) {
    const p = base.padding;
    const filter = downK.transpose([2, 3, 1, 0]) as tf.Tensor4D; // (kh, kw, d_in, r)
    return tf.conv2d(x as tf.Tensor4D, filter, base.stride, [[0, 0], [p, p], [p, p], [0, 0]]);
  }
  const [r, dIn] = downK.shape as number[];
  return tf.matMul(x.reshape([-1, dIn]) as tf.Tensor2D, downK.transpose() as tf.Tensor2D).reshape([...x.shape.slice(0, -1), r]); // (..., r)
}
