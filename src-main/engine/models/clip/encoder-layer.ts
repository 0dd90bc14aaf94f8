import * as tf from '@tensorflow/tfjs';
import { Module } from '../../nn/module';
import { ClipAttention } from './attention';
import type { ClipTextConfig } from './config';
import { LayerNorm } from '../../nn/layer-norm';
import { ClipMlp } from './mlp';

/** CLIPEncoderLayer: pre-norm residual self-attention, then pre-norm residual MLP. */
export class ClipEncoderLayer extends Module {
  readonly selfAttn: ClipAttention;
  readonly layerNorm1: LayerNorm;
  readonly mlp: ClipMlp;
  readonly layerNorm2: LayerNorm;

  constructor(config: ClipTextConfig) {
    super();
    this.selfAttn = this.addModule('self_attn', new ClipAttention(config.hidden_size, config.num_attention_heads));
    this.layerNorm1 = this.addModule('layer_norm1', new LayerNorm(config.hidden_size, config.layer_norm_eps));
    this.mlp = this.addModule('mlp', new ClipMlp(config.hidden_size, config.intermediate_size, config.hidden_act));
    this.layerNorm2 = this.addModule('layer_norm2', new LayerNorm(config.hidden_size, config.layer_norm_eps));
  }

  /** x (B, S, D) -> (B, S, D). */
  forward(x: tf.Tensor3D, mask: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => {
      const attended = x.add(this.selfAttn.forward(this.layerNorm1.forward(x) as tf.Tensor3D, mask));
      return attended.add(this.mlp.forward(this.layerNorm2.forward(attended))) as tf.Tensor3D;
    });
  }
}
