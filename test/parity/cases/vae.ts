import * as tf from '@tensorflow/tfjs';
import type { LoadedModelFiles } from '../../../src-main/engine/io/model-files';
import type { GoldenCase } from '../golden';
import { componentSubCases, engineInput, tensorGroups } from './models';
import type { CaseRunner } from './types';

/**
 * The `vae` golden case: the `encode/` group (image `x`, noise `eps`) and the `decode/` group
 * (latent `z`) through the VAE of every weight layout. `decode/decoder_mid` (when a manifest
 * lists it) is decoder.mid_block's output, NCHW, to locate a divergence. `<name>_of_<key>` expected tensors are
 * `<name>` computed from another manifest tensor instead of the group's input
 * (`decode/out_of_encode_mean` = decode(encode/mean)).
 */

type Vae = NonNullable<LoadedModelFiles['vae']>;

/** The engine's value for one expected tensor name (without group or `_w16`). */
const OUTPUTS: Record<string, (vae: Vae, input: (name: string) => tf.Tensor) => tf.Tensor> = {
  encoder_out: (vae, input) => vae.encoder.forward(input('x') as tf.Tensor4D),
  moments: (vae, input) => vae.moments(input('x') as tf.Tensor4D),
  mean: (vae, input) => vae.encode(input('x') as tf.Tensor4D).mean,
  logvar: (vae, input) => vae.encode(input('x') as tf.Tensor4D).logvar,
  std: (vae, input) => vae.encode(input('x') as tf.Tensor4D).std,
  sample: (vae, input) => vae.encode(input('x') as tf.Tensor4D).sample(input('eps') as tf.Tensor4D),
  out: (vae, input) => vae.decode(input('z') as tf.Tensor4D),
  decoder_mid: (vae, input) => vae.decodeToMiddle(input('z') as tf.Tensor4D),
};

function computeVae(c: GoldenCase, checkpoint: LoadedModelFiles, key: string): tf.Tensor {
  const vae = checkpoint.vae;
  if (!vae) throw new Error('vae: the checkpoint loaded no VAE');
  const group = key.slice(0, key.lastIndexOf('/') + 1);
  const inputs = tensorGroups(c).get(group)?.inputs ?? [];
  let name = key.slice(group.length).replace(/_w16$/, '');
  let replacement: string | undefined;
  const of = /^(.+?)_of_(.+)$/.exec(name);
  if (of) {
    replacement = Object.keys(c.manifest.tensors).find((k) => k.replace('/', '_') === of[2]);
    if (!replacement || inputs.length !== 1) throw new Error(`vae: cannot tell what '${key}' is computed from`);
    name = of[1];
  }
  const output = OUTPUTS[name];
  if (!output) throw new Error(`vae: no engine output for '${key}'`);
  return tf.tidy(() =>
    output(vae, (inputName) => {
      const input = inputs.find((k) => k === group + inputName);
      if (!input) throw new Error(`vae: group '${group}' has no input '${inputName}'`);
      return engineInput(c, replacement ?? input);
    }),
  );
}

export const runVae: CaseRunner = (c) => componentSubCases(c, (checkpoint, key) => computeVae(c, checkpoint, key));
