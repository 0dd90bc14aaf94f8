import * as tf from '@tensorflow/tfjs';
import { applyEmphasis } from './apply-emphasis';
import type { PromptChunk } from './prompt-chunks';

/** Runs the text encoder on a batch of chunk ids (C, 77) int32 -> hidden states (C, 77, D). */
export type ChunkEncoder = (ids: tf.Tensor2D) => tf.Tensor3D;

/**
 * A prompt's UNet conditioning as A1111 builds it: every chunk through the text encoder,
 * emphasis applied per chunk, chunks concatenated -> (1, 77*C, D). The caller owns the result.
 * With CLIP: `(ids) => clip.encode(ids, clipSkip)`.
 */
export function encodeChunks(chunks: readonly PromptChunk[], encoder: ChunkEncoder): tf.Tensor3D {
  if (chunks.length === 0) throw new Error('encodeChunks: no chunks');
  const length = chunks[0].ids.length;
  return tf.tidy(() => {
    const ids = tf.tensor2d(chunks.flatMap((c) => c.ids), [chunks.length, length], 'int32');
    const weights = tf.tensor2d(chunks.flatMap((c) => c.weights), [chunks.length, length]);
    return applyEmphasis(encoder(ids), weights);
  });
}
