import * as tf from '@tensorflow/tfjs';
import type { AdaptableLayer } from '../../nn/adaptable';
import { Conv2d } from '../../nn/conv2d';
import type { AdapterLayerState } from '../adapter';
import { layerGeometry } from '../layer-shapes';

/**
 * A plain LoRA layer state for `target` from a file's down/up pair, in the layout the target
 * needs: files store 1x1 convs and Linears either way (kohya: 4-D for convs; PEFT: per module
 * type), so a 2-D pair on a 1x1 conv gains the 1x1 axes and a 4-D 1x1 pair on a Linear loses
 * them. Takes ownership of `down` and `up`. Throws an Error saying what does not fit.
 */
export function loraLayerFor(target: AdaptableLayer, down: tf.Tensor, up: tf.Tensor, alpha: number | undefined): AdapterLayerState {
  const kernel = target instanceof Conv2d ? target.kernelSize : 1;
  const wantRank = target.kind === 'linear' ? 2 : 4;
  const d = toRank(down, wantRank, kernel);
  const u = toRank(up, wantRank, 1);
  if (d !== down) down.dispose();
  if (u !== up) up.dispose();
  try {
    const g = layerGeometry({ down: d.shape, up: u.shape }, 1);
    const fits = g.dIn === target.inChannels && g.dOut === target.outChannels && g.kernel.every((s) => s === kernel);
    if (!fits) {
      const want = target.kind === 'linear' ? `Linear ${target.inChannels} -> ${target.outChannels}` : `${kernel}x${kernel} conv ${target.inChannels} -> ${target.outChannels}`;
      throw new Error(`down [${d.shape.join(', ')}] / up [${u.shape.join(', ')}] do not fit the model's layer (${want})`);
    }
    // kohya / diffusers: a missing or zero alpha means alpha = rank (scale 1).
    return { kind: target.kind, down: d, up: u, alpha: alpha ? alpha : g.rank };
  } catch (error) {
    tf.dispose([d, u]);
    throw error;
  }
}

/** `t` as a 2-D (rows, cols) or 4-D (rows, cols, k, k) tensor when it is the other form of the same thing. */
function toRank(t: tf.Tensor, rank: 2 | 4, kernel: number): tf.Tensor {
  if (t.rank === rank) return t;
  const shape = t.shape as number[];
  if (rank === 4 && t.rank === 2 && kernel === 1) return t.reshape([shape[0], shape[1], 1, 1]); // (rows, cols) -> (rows, cols, 1, 1)
  if (rank === 2 && t.rank === 4 && shape[2] === 1 && shape[3] === 1) return t.reshape([shape[0], shape[1]]); // (rows, cols, 1, 1) -> (rows, cols)
  return t; // left as is: layerGeometry reports the mismatch
}
