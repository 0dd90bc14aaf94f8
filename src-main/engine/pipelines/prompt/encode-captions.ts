import * as tf from '@tensorflow/tfjs';
import type { ClipTextModel } from '../../models/clip';
import type { ClipTokenizer } from '../../tokenizer';

/**
 * The UNet conditioning of training captions, as diffusers' and kohya's trainers build it: each
 * caption as one 77-id input (bos, the first 75 content ids, eos, padding) through the text
 * encoder's last layer. No emphasis syntax: captions are plain text. (B, 77, D).
 */
export function encodeCaptions(captions: readonly string[], textEncoder: ClipTextModel, tokenizer: ClipTokenizer): tf.Tensor3D {
  if (captions.length === 0) throw new Error('encodeCaptions: no captions');
  const ids = captions.map((caption) => tokenizer.tokenize77(caption));
  return tf.tidy(() => textEncoder.encode(tf.tensor2d(ids, [ids.length, ids[0].length], 'int32')));
}
