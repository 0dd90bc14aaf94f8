import * as tf from '@tensorflow/tfjs';
import type { AdaptableLayer } from '../../nn/adaptable';
import type { AdapterLayerKey, AdapterLayerState } from '../adapter';
import type { AdapterLayer, RouteListener } from '../base';
import { layerRankAndBranches } from '../layer-shapes';
import { downProject, upProject } from '../projection';
import { mixBranches, routeProbabilities } from './router';

/**
 * A StyleInject layer (spec sections 2-3), switched by which tensors the layer carries:
 * - DMA (router present, K > 1): z = sum_k alpha_route[k] A_k(x), one matmul/conv on the stacked A;
 * - delta = s * B(z) (without DMA, z = A(x): exactly LoRA);
 * - STA (w_gamma present): the effect is gamma = w_gamma * delta, which the blend applies as
 *   y = mu + (1 + gamma)(h - mu) (the paper's eq. (4), sigma' = sigma (1 + gamma)); delta is then not added.
 * With K = 1 the router's softmax is the constant 1, so it is skipped (spec section 4).
 */
export class StyleInjectLayer implements AdapterLayer {
  readonly sta: boolean;
  readonly branches: number;
  private readonly scale: number;

  constructor(
    readonly key: AdapterLayerKey,
    private readonly state: AdapterLayerState,
    private readonly base: AdaptableLayer,
  ) {
    const { rank, branches } = layerRankAndBranches(state);
    this.scale = state.alpha / rank;
    this.branches = branches;
    this.sta = state.gamma !== undefined;
  }

  effect(x: tf.Tensor, onRoute?: RouteListener): tf.Tensor {
    return tf.tidy(() => {
      const { down, up, router, gamma } = this.state;
      let z = downProject(x, down, this.base); // (..., K*r)
      if (router && this.branches > 1) {
        const alphaRoute = routeProbabilities(x, router); // (B, K)
        onRoute?.(alphaRoute);
        z = mixBranches(z, alphaRoute, this.branches); // (..., r)
      }
      const delta = upProject(z, up).mul(this.scale); // (..., d_out)
      return gamma ? delta.mul(gamma) : delta;
    });
  }
}
