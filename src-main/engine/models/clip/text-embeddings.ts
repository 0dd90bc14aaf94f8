import * as tf from '@tensorflow/tfjs';
import { Module } from '../../nn/module';
import type { ClipTextConfig } from './config';
import { Embedding } from './embedding';

/**
 * CLIPTextEmbeddings: token embedding plus learned absolute position embedding. Positions are
 * always 0..S-1, which is what the `position_ids` buffer of some checkpoints holds, so that
 * buffer is not a parameter here.
 */
export class ClipTextEmbeddings extends Module {
  readonly tokenEmbedding: Embedding;
  readonly positionEmbedding: Embedding;

  constructor(config: ClipTextConfig) {
    super();
    this.tokenEmbedding = this.addModule('token_embedding', new Embedding(config.vocab_size, config.hidden_size));
    this.positionEmbedding = this.addModule('position_embedding', new Embedding(config.max_position_embeddings, config.hidden_size));
  }

  /** inputIds (B, S) -> (B, S, D). */
  forward(inputIds: tf.Tensor2D): tf.Tensor3D {
    const length = inputIds.shape[1];
    if (length > this.positionEmbedding.count) {
      throw new Error(`CLIP text encoder: ${length} tokens exceed max_position_embeddings ${this.positionEmbedding.count}`);
    }
    return tf.tidy(() => this.tokenEmbedding.forward(inputIds).add(this.positionEmbedding.leadingRows(length)) as tf.Tensor3D);
  }
}
