import type * as tf from '@tensorflow/tfjs';
import { Module } from '../../nn/module';
import { sd15ClipTextConfig, type ClipTextConfig } from './config';
import { ClipTextTransformer, type ClipTextOutput } from './text-transformer';

export interface ClipForwardOptions {
  /** Also return every layer's output (transformers' output_hidden_states). */
  outputHiddenStates?: boolean;
}

/**
 * transformers' CLIPTextModel. Its parameter names are exactly the keys of a diffusers
 * `text_encoder/model.safetensors` (`text_model.embeddings.token_embedding.weight`, ...); an SD 1.5
 * single file holds the same keys under `cond_stage_model.transformer.`.
 */
export class ClipTextModel extends Module {
  readonly textModel: ClipTextTransformer;

  constructor(readonly config: ClipTextConfig = { ...sd15ClipTextConfig }) {
    super();
    this.textModel = this.addModule('text_model', new ClipTextTransformer(config));
  }

  /** inputIds (B, S<=max_position_embeddings) token ids. The caller owns the returned tensors. */
  forward(inputIds: tf.Tensor2D, options: ClipForwardOptions = {}): ClipTextOutput {
    return this.textModel.forward(inputIds, options.outputHiddenStates ?? false);
  }

  /**
   * UNet conditioning (B, S, D) with diffusers' `clip_skip` (0 = last layer, 1 = penultimate).
   * A1111's "Clip skip: N" is diffusers' N-1; see clip-skip.ts.
   */
  encode(inputIds: tf.Tensor2D, clipSkip = 0): tf.Tensor3D {
    return this.textModel.encode(inputIds, clipSkip);
  }
}
