import * as tf from '@tensorflow/tfjs';

/**
 * Index of the end-of-text token in each row of inputIds (B, S) -> (B) int32, with transformers'
 * rule: configs with the legacy eos_token_id 2 (SD 1.5's) take argmax(ids), which is the first
 * eos because eos is the largest id in CLIP's vocab; other configs take the first id == eos.
 */
export function eosPositions(inputIds: tf.Tensor2D, eosTokenId: number): tf.Tensor1D {
  return tf.tidy(() => {
    const ids = inputIds.toInt();
    if (eosTokenId === 2) return tf.argMax(ids, -1) as tf.Tensor1D;
    return tf.argMax(tf.equal(ids, eosTokenId).toInt(), -1) as tf.Tensor1D;
  });
}

/** Picks one token per row: hidden (B, S, D), positions (B) -> (B, D). */
export function gatherTokens(hidden: tf.Tensor3D, positions: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, length, dim] = hidden.shape;
    const rows = tf.range(0, batch, 1, 'int32').mul(tf.scalar(length, 'int32')).add(positions.toInt()); // (B): flat row index b*S + pos
    return tf.gather(hidden.reshape([batch * length, dim]), rows) as tf.Tensor2D; // (B*S, D) -> (B, D)
  });
}
