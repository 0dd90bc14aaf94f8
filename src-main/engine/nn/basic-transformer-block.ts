import * as tf from '@tensorflow/tfjs';
import { Attention } from './attention';
import { FeedForward } from './feed-forward';
import { LayerNorm } from './layer-norm';
import { Module } from './module';

export interface BasicTransformerBlockArgs {
  dim: number;
  heads: number;
  headDim: number;
  /** Width of the encoder hidden states attn2 reads (CLIP's 768 in SD 1.5). */
  crossAttentionDim: number;
  /** attn1 also attends to the encoder states instead of to itself. */
  onlyCrossAttention?: boolean;
  normEps?: number;
}

/**
 * diffusers' BasicTransformerBlock with norm_type "layer_norm": pre-norm self-attention,
 * cross-attention to the text tokens, and a GEGLU feed-forward, each with a residual.
 */
export class BasicTransformerBlock extends Module {
  readonly norm1: LayerNorm;
  readonly attn1: Attention;
  readonly norm2: LayerNorm;
  readonly attn2: Attention;
  readonly norm3: LayerNorm;
  readonly ff: FeedForward;
  private readonly onlyCrossAttention: boolean;

  constructor(args: BasicTransformerBlockArgs) {
    super();
    const { dim, heads, headDim, crossAttentionDim } = args;
    const eps = args.normEps ?? 1e-5;
    this.onlyCrossAttention = args.onlyCrossAttention ?? false;
    this.norm1 = this.addModule('norm1', new LayerNorm(dim, eps));
    const attn1Context = this.onlyCrossAttention ? crossAttentionDim : undefined;
    this.attn1 = this.addModule('attn1', new Attention({ queryDim: dim, contextDim: attn1Context, heads, headDim, qkvBias: false }));
    this.norm2 = this.addModule('norm2', new LayerNorm(dim, eps));
    this.attn2 = this.addModule('attn2', new Attention({ queryDim: dim, contextDim: crossAttentionDim, heads, headDim, qkvBias: false }));
    this.norm3 = this.addModule('norm3', new LayerNorm(dim, eps));
    this.ff = this.addModule('ff', new FeedForward(dim));
  }

  /** x: (B, T, dim) image tokens; context: (B, Tctx, crossAttentionDim). Returns (B, T, dim). */
  forward(x: tf.Tensor3D, context: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      let h = x;
      h = h.add(this.attn1.forward(this.norm1.forward(h), this.onlyCrossAttention ? context : undefined));
      h = h.add(this.attn2.forward(this.norm2.forward(h), context));
      h = h.add(this.ff.forward(this.norm3.forward(h)));
      return h;
    });
  }
}
