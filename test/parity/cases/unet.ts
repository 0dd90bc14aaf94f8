import * as tf from '@tensorflow/tfjs';
import type { LoadedModelFiles } from '../../../src-main/engine/io/model-files';
import type { GoldenCase } from '../golden';
import { componentSubCases, engineInput, tensorGroups } from './models';
import type { CaseRunner } from './types';

/**
 * The `unet` golden case: each input group (`a/sample`, `a/timestep`, `a/encoder_hidden_states`)
 * through the UNet of every weight layout, compared with the group's expected tensors: `out`,
 * `time_proj`, `time_emb`, and the named intermediate outputs a manifest may list to locate a
 * divergence (diffusers' names, NCHW): `conv_in`, `down_<i>` (after its downsampler), `mid`,
 * `up_<i>` (after its upsampler). The timestep is used as given: one for the whole batch or
 * one per sample.
 */

type Unet = NonNullable<LoadedModelFiles['unet']>;
type Input = (name: string) => tf.Tensor;

const sampleOf = (input: Input) => input('sample') as tf.Tensor4D;

/** Every block's output, from one forward. */
const blocks = (unet: Unet, input: Input) => unet.forward(sampleOf(input), input('timestep'), input('encoder_hidden_states') as tf.Tensor3D, { returnBlockOutputs: true }).blocks;

/** The engine's value for one expected tensor name (without group or `_w16`). */
function output(unet: Unet, name: string, input: Input): tf.Tensor {
  const batch = () => sampleOf(input).shape[0];
  if (name === 'out') return unet.forward(sampleOf(input), input('timestep'), input('encoder_hidden_states') as tf.Tensor3D);
  if (name === 'time_proj') return unet.projectTime(input('timestep'), batch());
  if (name === 'time_emb') return unet.embedTime(input('timestep'), batch());
  if (name === 'conv_in') return blocks(unet, input).convIn;
  if (name === 'mid') return blocks(unet, input).mid;
  const indexed = /^(down|up)_(\d+)$/.exec(name);
  const block = indexed && blocks(unet, input)[indexed[1] as 'down' | 'up'][Number(indexed[2])];
  if (block) return block;
  throw new Error(`unet: no engine output named '${name}'${indexed ? ` (the UNet has ${unet.downBlocks.items.length} ${indexed[1]} blocks)` : ''}`);
}

function computeUnet(c: GoldenCase, checkpoint: LoadedModelFiles, key: string): tf.Tensor {
  const unet = checkpoint.unet;
  if (!unet) throw new Error('unet: the checkpoint loaded no UNet');
  const group = key.slice(0, key.lastIndexOf('/') + 1);
  const name = key.slice(group.length).replace(/_w16$/, '');
  const inputs = tensorGroups(c).get(group)?.inputs ?? [];
  return tf.tidy(() =>
    output(unet, name, (inputName) => {
      const key = inputs.find((k) => k === group + inputName);
      if (!key) throw new Error(`unet: group '${group}' has no input '${inputName}'`);
      return engineInput(c, key);
    }),
  );
}

export const runUnet: CaseRunner = (c) => componentSubCases(c, (checkpoint, key) => computeUnet(c, checkpoint, key));
