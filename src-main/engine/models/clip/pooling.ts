import * as tf from '@tensorflow/tfjs';

/**
 * Index of the end-of-text token in each row of inputIds (B, S) -> (B) int32, with transformers'
 * rule: configs with the legacy eos_token_id 2 (SD 1.5's) take argmax(ids), which is the first
 * eos because eos is the largest id in CLIP's vocab; other configs take the first id == eos.
 */
export function eosPositions(inputIds: tf.Tensor2D, eosTokenId: number): tf.Tensor1D {
  return tf.tidy(() => {
    const ids = inputIds.toInt();
    const target = eosTokenId === 2 ? tf.max(ids, -1, true) : tf.scalar(eosTokenId, 'int32'); // (B, 1) or ()
    return firstTrue(tf.equal(ids, target) as tf.Tensor2D);
  });
}

/**
 * The first position where each row of mask (B, S) is true, 0 where none is -> (B) int32.
 * Not tf.argMax: which of several equal maxima it returns differs between backends (webgpu's
 * parallel reduction does not return the first), and the padding after CLIP's first eos
 * repeats the eos id.
 */
function firstTrue(mask: tf.Tensor2D): tf.Tensor1D {
  const length = mask.shape[1];
  const fromEnd = tf.range(length, 0, -1, 'int32'); // (S): S, S-1, ..., 1
  const best = tf.max(tf.mul(mask.toInt(), fromEnd), -1); // (B): S - first, or 0 for none
  return tf.mod(tf.sub(tf.scalar(length, 'int32'), best), tf.scalar(length, 'int32')) as tf.Tensor1D;
}

/** Picks one token per row: hidden (B, S, D), positions (B) -> (B, D). */
export function gatherTokens(hidden: tf.Tensor3D, positions: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, length, dim] = hidden.shape;
    const rows = tf.range(0, batch, 1, 'int32').mul(tf.scalar(length, 'int32')).add(positions.toInt()); // (B): flat row index b*S + pos
    return tf.gather(hidden.reshape([batch * length, dim]), rows) as tf.Tensor2D; // (B*S, D) -> (B, D)
  });
}
