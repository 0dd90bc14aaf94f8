import * as tf from '@tensorflow/tfjs';
import type { AdaptableLayer } from '../../nn/adaptable';
import type { AdapterLayerKey, AdapterLayerState } from '../adapter';
import type { AdapterLayer } from '../base';
import { layerRankAndBranches } from '../layer-shapes';
import { downProject, upProject } from '../projection';

/** LoRA (spec section 1): delta = s * B(A(x)), s = alpha / r; the blend adds it to h. */
export class LoraLayer implements AdapterLayer {
  readonly sta = false;
  readonly branches = 1;
  private readonly scale: number;

  constructor(
    readonly key: AdapterLayerKey,
    private readonly state: AdapterLayerState,
    private readonly base: AdaptableLayer,
  ) {
    this.scale = state.alpha / layerRankAndBranches(state).rank;
  }

  effect(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => upProject(downProject(x, this.state.down, this.base), this.state.up).mul(this.scale));
  }
}
