import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clipTextConfigFrom, ClipTextModel } from '../../../../src-main/engine/models/clip';
import { goldenDir } from '../../../parity/golden';
import { readF32Safetensors } from './read-f32-safetensors';

export const tinyTextEncoderDir = join(goldenDir(), 'models/diffusers/text_encoder');

/** The golden tiny CLIPTextModel (hidden 32, 2 layers, vocab 1000, bos 998, eos = pad 999) with its weights. */
export function loadTinyClip(): ClipTextModel {
  const config = clipTextConfigFrom(JSON.parse(readFileSync(join(tinyTextEncoderDir, 'config.json'), 'utf8')));
  const model = new ClipTextModel(config);
  const weights = readF32Safetensors(join(tinyTextEncoderDir, 'model.safetensors'));
  for (const [name, parameter] of model.namedParameters()) {
    const stored = weights.get(name);
    if (!stored) throw new Error(`checkpoint lacks ${name}`);
    tf.tidy(() => parameter.load(tf.tensor(stored.data, stored.shape), name));
  }
  return model;
}
