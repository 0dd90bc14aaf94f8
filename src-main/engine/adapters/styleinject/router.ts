import * as tf from '@tensorflow/tfjs';
import { tokenView } from '../token-view';

/** Inside the square root of the router's std (spec section 2). */
export const ROUTER_STD_EPS = 1e-5;

/**
 * DMA's router (spec section 2): alpha_route = softmax(R u), u = concat(mean_N(x), std_N(x)).
 * The spec reads the paper's "summation" pooling as a mean so routing does not depend on
 * resolution; std is the biased (instance-norm) one. x: any rank (see tokenView), R: (K, 2*d_in).
 */
export function routeProbabilities(x: tf.Tensor, router: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(tokenView(x), 1); // (B, d_in) each
    const u = tf.concat([mean, variance.add(ROUTER_STD_EPS).sqrt()], 1) as tf.Tensor2D; // (B, 2*d_in)
    return tf.softmax(tf.matMul(u, router as tf.Tensor2D, false, true)) as tf.Tensor2D; // (B, K)
  });
}

/**
 * z = sum_k alpha_k A_k(x) from the ONE stacked projection A(x) (..., K*r): a weighted sum
 * over K, never K separate matmuls. alphaRoute: (B, K).
 */
export function mixBranches(stacked: tf.Tensor, alphaRoute: tf.Tensor2D, branches: number): tf.Tensor {
  return tf.tidy(() => {
    const [samples, k] = alphaRoute.shape;
    const rank = stacked.shape[stacked.rank - 1] / branches;
    const perBranch = stacked.reshape([samples, -1, k, rank]); // (B, N, K, r)
    const weights = alphaRoute.reshape([samples, 1, k, 1]); // (B, 1, K, 1)
    return perBranch.mul(weights).sum(2).reshape([...stacked.shape.slice(0, -1), rank]); // (..., r)
  });
}
