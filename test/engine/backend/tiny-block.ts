import * as tf from '@tensorflow/tfjs';
import { seededValues, sizeOf } from './conv-reference';

/** A UNet-like block in miniature: conv 3x3, group norm, SiLU, self-attention, residual. */
export const blockShapes = {
  x: [1, 6, 6, 8], // (B, H, W, C)
  convW: [3, 3, 8, 8],
  convB: [8],
  gamma: [8],
  beta: [8],
  wq: [8, 8],
  wk: [8, 8],
  wv: [8, 8],
  wo: [8, 8],
} as const;

export type BlockName = keyof typeof blockShapes;
export const blockNames = Object.keys(blockShapes) as BlockName[];
const groups = 2;
const heads = 2;

export function blockForward(p: Record<BlockName, tf.Tensor>): tf.Tensor {
  const [b, h, w, c] = blockShapes.x;
  const t = h * w;
  const d = c / heads;
  const conv = tf.conv2d(p.x as tf.Tensor4D, p.convW as tf.Tensor4D, 1, 'same').add(p.convB);
  const grouped = conv.reshape([b, h, w, groups, c / groups]); // (B, H, W, G, C/G)
  const { mean, variance } = tf.moments(grouped, [1, 2, 4], true);
  const normed = grouped.sub(mean).mul(tf.rsqrt(variance.add(1e-5))).reshape([b, t, c]).mul(p.gamma).add(p.beta); // (B, T, C)
  const act = normed.mul(tf.sigmoid(normed)); // SiLU
  const split = (m: tf.Tensor) => tf.matMul(act.reshape([b * t, c]), m).reshape([b, t, heads, d]).transpose([0, 2, 1, 3]); // (B, heads, T, d)
  const q = split(p.wq);
  const k = split(p.wk);
  const v = split(p.wv);
  const scores = tf.matMul(q, k, false, true).mul(1 / Math.sqrt(d)); // (B, heads, T, T)
  const attended = tf.matMul(tf.softmax(scores), v); // (B, heads, T, d)
  const merged = attended.transpose([0, 2, 1, 3]).reshape([b * t, c]); // (B*T, C)
  return tf.matMul(merged, p.wo).reshape([b, h, w, c]).add(p.x);
}

export interface BlockResult {
  output: Float32Array;
  gradients: Record<BlockName, Float32Array>;
}

/** Forward and the gradients of sum(out * r) w.r.t. every input, on the active backend. */
export async function runBlock(): Promise<BlockResult> {
  const params = Object.fromEntries(
    blockNames.map((n, i) => [n, tf.tensor(seededValues(sizeOf([...blockShapes[n]]), 11 + i).map((v) => (n === 'gamma' ? 1 + 0.3 * v : v)), [...blockShapes[n]])]),
  ) as Record<BlockName, tf.Tensor>;
  const r = tf.tensor(seededValues(sizeOf([...blockShapes.x]), 99), [...blockShapes.x]);
  const out = tf.tidy(() => blockForward(params));
  const grads = tf.grads((...args: tf.Tensor[]) => blockForward(Object.fromEntries(blockNames.map((n, i) => [n, args[i]])) as Record<BlockName, tf.Tensor>).mul(r).sum())(
    blockNames.map((n) => params[n]),
  );
  const gradients = {} as Record<BlockName, Float32Array>;
  for (const [i, n] of blockNames.entries()) gradients[n] = (await grads[i].data()) as Float32Array;
  const output = (await out.data()) as Float32Array;
  tf.dispose([...Object.values(params), r, out, ...grads]);
  return { output, gradients };
}
