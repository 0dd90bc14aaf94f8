import * as tf from '@tensorflow/tfjs';
import { BasicTransformerBlock } from './basic-transformer-block';
import { Conv2d } from './conv2d';
import { GroupNorm } from './group-norm';
import { Linear } from './linear';
import { Module, ModuleList } from './module';

export interface Transformer2DArgs {
  inChannels: number;
  heads: number;
  headDim: number;
  /** Number of BasicTransformerBlocks (diffusers' transformer_layers_per_block). */
  layers: number;
  crossAttentionDim: number;
  normGroups: number;
  /** proj_in/proj_out as Linear (SD 2.x) instead of 1x1 convs (SD 1.5). */
  useLinearProjection: boolean;
  onlyCrossAttention: boolean;
}

/**
 * diffusers' Transformer2DModel for continuous inputs: group norm, proj_in, transformer
 * blocks over the H*W tokens, proj_out, plus the input as residual.
 */
export class Transformer2DModel extends Module {
  readonly norm: GroupNorm;
  readonly projIn: Linear | Conv2d;
  readonly transformerBlocks: ModuleList<BasicTransformerBlock>;
  readonly projOut: Linear | Conv2d;

  constructor(args: Transformer2DArgs) {
    super();
    const inner = args.heads * args.headDim;
    // diffusers fixes this norm's eps at 1e-6, whatever the UNet's norm_eps.
    this.norm = this.addModule('norm', new GroupNorm(args.normGroups, args.inChannels, 1e-6));
    const projection = (from: number, to: number) =>
      args.useLinearProjection ? new Linear(from, to) : new Conv2d(from, to, { kernelSize: 1 });
    this.projIn = this.addModule('proj_in', projection(args.inChannels, inner));
    const blocks = Array.from(
      { length: args.layers },
      () =>
        new BasicTransformerBlock({
          dim: inner,
          heads: args.heads,
          headDim: args.headDim,
          crossAttentionDim: args.crossAttentionDim,
          onlyCrossAttention: args.onlyCrossAttention,
        }),
    );
    this.transformerBlocks = this.addModule('transformer_blocks', new ModuleList(blocks));
    this.projOut = this.addModule('proj_out', projection(inner, args.inChannels));
  }

  /** x: (B, H, W, C); context: (B, Tctx, crossAttentionDim). Returns (B, H, W, C). */
  forward(x: tf.Tensor4D, context: tf.Tensor3D | null): tf.Tensor4D {
    return tf.tidy(() => {
      if (!context) throw new Error('Transformer2DModel: cross-attention needs encoder hidden states');
      const [batch, height, width] = x.shape;
      // On NHWC a 1x1 conv and a Linear over channels are the same map, so proj_in/proj_out
      // apply to the map or to the tokens alike; only their weight layout differs.
      const projected = this.projIn.forward(this.norm.forward(x)); // (B, H, W, inner)
      const inner = projected.shape[projected.shape.length - 1];
      let tokens = projected.reshape([batch, height * width, inner]) as tf.Tensor3D; // (B, H*W, inner)
      for (const block of this.transformerBlocks.items) tokens = block.forward(tokens, context);
      const map = tokens.reshape([batch, height, width, inner]); // (B, H, W, inner)
      return this.projOut.forward(map).add(x) as tf.Tensor4D;
    });
  }
}
