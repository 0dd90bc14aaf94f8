import * as tf from '@tensorflow/tfjs';
import type { LoadedModelFiles } from '../../../src-main/engine/io/model-files';
import type { GoldenCase } from '../golden';
import { componentSubCases, engineInput, tensorGroups } from './models';
import type { CaseRunner } from './types';

/**
 * The `unet` golden case: each input group (`a/sample`, `a/timestep`, `a/encoder_hidden_states`)
 * through the UNet of every weight layout, compared with the group's expected tensors.
 */

/** The engine's value for one expected tensor name (without group or `_w16`). */
const OUTPUTS: Record<string, (unet: NonNullable<LoadedModelFiles['unet']>, input: (name: string) => tf.Tensor) => tf.Tensor> = {
  out: (unet, input) => unet.forward(input('sample') as tf.Tensor4D, input('timestep'), input('encoder_hidden_states') as tf.Tensor3D),
  time_proj: (unet, input) => unet.timeProj.forward(tf.reshape(input('timestep'), [-1]).tile([input('sample').shape[0]]) as tf.Tensor1D),
  time_emb: (unet, input) => unet.embedTime(input('timestep'), input('sample').shape[0]),
};

function computeUnet(c: GoldenCase, checkpoint: LoadedModelFiles, key: string): tf.Tensor {
  const unet = checkpoint.unet;
  if (!unet) throw new Error('unet: the checkpoint loaded no UNet');
  const group = key.slice(0, key.lastIndexOf('/') + 1);
  const name = key.slice(group.length).replace(/_w16$/, '');
  const output = OUTPUTS[name];
  if (!output) throw new Error(`unet: no engine output for '${key}'`);
  const inputs = tensorGroups(c).get(group)?.inputs ?? [];
  return tf.tidy(() =>
    output(unet, (inputName) => {
      const key = inputs.find((k) => k === group + inputName);
      if (!key) throw new Error(`unet: group '${group}' has no input '${inputName}'`);
      return engineInput(c, key);
    }),
  );
}

export const runUnet: CaseRunner = (c) => componentSubCases(c, (checkpoint, key) => computeUnet(c, checkpoint, key));

