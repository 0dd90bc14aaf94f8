import * as tf from '@tensorflow/tfjs';
import { IndexedModules } from './indexed-modules';
import { Linear } from './linear';
import { Module } from './module';
import { scaledDotProductAttention } from './scaled-dot-product-attention';

export interface AttentionArgs {
  /** Width of the query tokens (and of the output). */
  queryDim: number;
  /** Width of the tokens keys and values come from; omitted for self-attention. */
  contextDim?: number;
  heads: number;
  headDim: number;
  /** Bias on to_q/to_k/to_v (false in SD's transformer blocks, true in the VAE). */
  qkvBias: boolean;
}

/** diffusers' Attention projections: to_q, to_k, to_v, to_out.0 around multi-head attention. */
export class Attention extends Module {
  readonly toQ: Linear;
  readonly toK: Linear;
  readonly toV: Linear;
  readonly toOut: Linear;
  readonly heads: number;

  constructor(args: AttentionArgs) {
    super();
    const inner = args.heads * args.headDim;
    const contextDim = args.contextDim ?? args.queryDim;
    this.heads = args.heads;
    this.toQ = this.addModule('to_q', new Linear(args.queryDim, inner, args.qkvBias));
    this.toK = this.addModule('to_k', new Linear(contextDim, inner, args.qkvBias));
    this.toV = this.addModule('to_v', new Linear(contextDim, inner, args.qkvBias));
    this.toOut = new Linear(inner, args.queryDim, true);
    this.addModule('to_out', new IndexedModules([[0, this.toOut]])); // to_out.1 is torch's Dropout
  }

  /** x: (B, Tq, queryDim); context: (B, Tk, contextDim) or omitted for self-attention. */
  forward(x: tf.Tensor3D, context?: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const source = context ?? x;
      const q = this.toQ.forward(x) as tf.Tensor3D;
      const k = this.toK.forward(source) as tf.Tensor3D;
      const v = this.toV.forward(source) as tf.Tensor3D;
      return this.toOut.forward(scaledDotProductAttention(q, k, v, this.heads)) as tf.Tensor3D;
    });
  }
}
