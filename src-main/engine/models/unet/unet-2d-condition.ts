import * as tf from '@tensorflow/tfjs';
import { silu } from '../../nn/activations';
import { Conv2d } from '../../nn/conv2d';
import { DownBlock2D } from '../../nn/down-block';
import { GroupNorm } from '../../nn/group-norm';
import { MidBlock2D } from '../../nn/mid-block';
import { Module, ModuleList } from '../../nn/module';
import type { ResnetSettings } from '../../nn/resnet-block';
import type { SpatialMixerFactory } from '../../nn/spatial-mixer';
import { TimestepEmbedding } from '../../nn/timestep-embedding';
import { Timesteps } from '../../nn/timesteps';
import { Transformer2DModel } from '../../nn/transformer-2d';
import { UpBlock2D } from '../../nn/up-block';
import { unetLevels, type UNet2DConditionConfig, type UNetLevel } from './config';

/** The output of every block, for feature distillation and for locating a divergence. */
// Type aliases (not interfaces) so tf.tidy accepts them as tensor containers.
export type UNetBlockOutputs = {
  /** conv_in's output: the first skip, before any block. */
  convIn: tf.Tensor4D;
  /** After each down block (after its downsampler, when it has one). */
  down: tf.Tensor4D[];
  mid: tf.Tensor4D;
  /** After each up block (after its upsampler, when it has one). */
  up: tf.Tensor4D[];
};

export type UNetOutput = {
  /** The noise (or v) prediction, NHWC (B, H, W, out_channels). */
  sample: tf.Tensor4D;
  blocks: UNetBlockOutputs;
};

export interface UNetForwardOptions {
  /** Also return each down/mid/up block's output. */
  returnBlockOutputs?: boolean;
  /** How each down/mid/up block is called (default: directly); see BlockCaller. */
  callBlock?: BlockCaller;
}

/** One down/mid/up block as a function of its input tensors. */
export type BlockFunction = (inputs: tf.Tensor[]) => tf.Tensor[];

/**
 * Calls a block: must return `block(inputs)`'s values. `name` is the block's module path
 * ('down_blocks.0', 'mid_block', 'up_blocks.3'). Gradient checkpointing wraps the call so that
 * the backward pass recomputes the block instead of keeping its activations.
 */
export type BlockCaller = (name: string, block: BlockFunction, inputs: tf.Tensor[]) => tf.Tensor[];

const callDirectly: BlockCaller = (_name, block, inputs) => block(inputs);

/**
 * diffusers' UNet2DConditionModel on NHWC latents, built from its config. Module names are
 * the diffusers state-dict keys. Each down, mid and up block is one forward call.
 */
export class UNet2DConditionModel extends Module {
  readonly timeProj: Timesteps;
  readonly timeEmbedding: TimestepEmbedding;
  readonly convIn: Conv2d;
  readonly downBlocks: ModuleList<DownBlock2D>;
  readonly midBlock: MidBlock2D;
  readonly upBlocks: ModuleList<UpBlock2D>;
  readonly convNormOut: GroupNorm;
  readonly convOut: Conv2d;

  constructor(readonly config: UNet2DConditionConfig) {
    super();
    const levels = unetLevels(config);
    const widths = config.block_out_channels;
    const n = levels.length;
    const timeDim = config.time_embedding_dim ?? widths[0] * 4;
    const resnet: ResnetSettings = { tembChannels: timeDim, groups: config.norm_num_groups, eps: config.norm_eps };
    const transformer = (level: UNetLevel, onlyCrossAttention = level.onlyCrossAttention): SpatialMixerFactory => {
      return (channels) =>
        new Transformer2DModel({
          inChannels: channels,
          heads: level.heads,
          headDim: channels / level.heads,
          layers: level.transformerLayers,
          crossAttentionDim: level.crossAttentionDim,
          normGroups: config.norm_num_groups,
          useLinearProjection: config.use_linear_projection,
          onlyCrossAttention,
        });
    };

    this.timeProj = new Timesteps({ dim: widths[0], flipSinToCos: config.flip_sin_to_cos, freqShift: config.freq_shift });
    this.timeEmbedding = this.addModule('time_embedding', new TimestepEmbedding(widths[0], timeDim));
    const convIn = { kernelSize: config.conv_in_kernel, padding: Math.floor((config.conv_in_kernel - 1) / 2) };
    this.convIn = this.addModule('conv_in', new Conv2d(config.in_channels, widths[0], convIn));

    // Widths of the skips in the order the down path pushes them; the up path pops them.
    const skipWidths = [widths[0]];
    const downBlocks = levels.map((level, i) => {
      const block = new DownBlock2D({
        ...resnet,
        inChannels: i === 0 ? widths[0] : widths[i - 1],
        outChannels: level.channels,
        layers: level.layers,
        addDownsample: i < n - 1,
        downsamplePadding: config.downsample_padding,
        mixer: level.downCrossAttention ? transformer(level) : undefined,
      });
      skipWidths.push(...Array<number>(level.layers + (i < n - 1 ? 1 : 0)).fill(level.channels));
      return block;
    });
    this.downBlocks = this.addModule('down_blocks', new ModuleList(downBlocks));

    const deepest = levels[n - 1];
    this.midBlock = this.addModule(
      'mid_block',
      new MidBlock2D({
        ...resnet,
        outputScaleFactor: config.mid_block_scale_factor,
        channels: deepest.channels,
        layers: 1,
        mixer: transformer(deepest, false), // diffusers' mid block never uses only_cross_attention
      }),
    );

    const upBlocks = levels.map((_, j) => {
      const level = levels[n - 1 - j]; // up block j runs level n-1-j
      const consumed = skipWidths.splice(skipWidths.length - (level.layers + 1));
      return new UpBlock2D({
        ...resnet,
        inChannels: j === 0 ? deepest.channels : levels[n - j].channels,
        outChannels: level.channels,
        skipChannels: consumed.reverse(), // resnet k takes the k-th skip from the top of the stack
        addUpsample: j < n - 1,
        mixer: level.upCrossAttention ? transformer(level) : undefined,
      });
    });
    this.upBlocks = this.addModule('up_blocks', new ModuleList(upBlocks));

    this.convNormOut = this.addModule('conv_norm_out', new GroupNorm(config.norm_num_groups, widths[0], config.norm_eps));
    const convOut = { kernelSize: config.conv_out_kernel, padding: Math.floor((config.conv_out_kernel - 1) / 2) };
    this.convOut = this.addModule('conv_out', new Conv2d(widths[0], config.out_channels, convOut));
  }

  /**
   * The time embedding every resnet reads: (B, timeDim). `timestep` is a number, a 0-d
   * tensor, or one per sample ([1] or [B]); int or fractional.
   */
  embedTime(timestep: number | tf.Tensor, batch: number): tf.Tensor2D {
    return tf.tidy(() => this.timeEmbedding.forward(this.projectTime(timestep, batch)));
  }

  /** The sinusoidal timestep features (B, block_out_channels[0]) the time embedding reads; `timestep` as for embedTime. */
  projectTime(timestep: number | tf.Tensor, batch: number): tf.Tensor2D {
    return tf.tidy(() => this.timeProj.forward(timestepsForBatch(timestep, batch)));
  }

  forward(sample: tf.Tensor4D, timestep: number | tf.Tensor, encoderHiddenStates: tf.Tensor3D): tf.Tensor4D;
  forward(
    sample: tf.Tensor4D,
    timestep: number | tf.Tensor,
    encoderHiddenStates: tf.Tensor3D,
    options: UNetForwardOptions & { returnBlockOutputs: true },
  ): UNetOutput;
  forward(
    sample: tf.Tensor4D,
    timestep: number | tf.Tensor,
    encoderHiddenStates: tf.Tensor3D,
    options?: UNetForwardOptions,
  ): tf.Tensor4D | UNetOutput;
  /**
   * sample: noisy latents (B, H, W, in_channels); encoderHiddenStates: (B, T, cross_attention_dim).
   * Any H, W (sizes that do not halve evenly are upsampled back to the skip's size).
   */
  forward(
    sample: tf.Tensor4D,
    timestep: number | tf.Tensor,
    encoderHiddenStates: tf.Tensor3D,
    options: UNetForwardOptions = {},
  ): tf.Tensor4D | UNetOutput {
    const output = tf.tidy(() => this.run(sample, timestep, encoderHiddenStates, options.callBlock ?? callDirectly));
    if (options.returnBlockOutputs) return output;
    tf.dispose(output.blocks);
    return output.sample;
  }

  private run(sample: tf.Tensor4D, timestep: number | tf.Tensor, context: tf.Tensor3D, call: BlockCaller): UNetOutput {
    const temb = this.embedTime(timestep, sample.shape[0]);
    const input = this.config.center_input_sample ? sample.mul(2).sub(1) : sample;
    let h = this.convIn.forward(input) as tf.Tensor4D;
    const convIn = h;

    const skips: tf.Tensor4D[] = [h];
    const down: tf.Tensor4D[] = [];
    this.downBlocks.items.forEach((block, i) => {
      // A down block's output is its last skip (after the downsampler, when it has one).
      const run: BlockFunction = ([x, t, c]) => block.forward(x as tf.Tensor4D, t as tf.Tensor2D, c as tf.Tensor3D).skips;
      const blockSkips = call(`down_blocks.${i}`, run, [h, temb, context]) as tf.Tensor4D[];
      h = blockSkips[blockSkips.length - 1];
      skips.push(...blockSkips);
      down.push(h);
    });

    const runMid: BlockFunction = ([x, t, c]) => [this.midBlock.forward(x as tf.Tensor4D, t as tf.Tensor2D, c as tf.Tensor3D)];
    [h] = call('mid_block', runMid, [h, temb, context]) as tf.Tensor4D[];
    const mid = h;

    const up: tf.Tensor4D[] = [];
    this.upBlocks.items.forEach((block, j) => {
      const blockSkips = skips.splice(skips.length - block.layers);
      const next = skips[skips.length - 1]; // the skip the following block starts with sets the upsampled size
      const size: [number, number] | undefined = next ? [next.shape[1], next.shape[2]] : undefined;
      // inputs: [h, ...skips, temb, context]
      const run: BlockFunction = (inputs) => {
        const n = blockSkips.length;
        const [t, c] = inputs.slice(n + 1) as [tf.Tensor2D, tf.Tensor3D];
        return [block.forward(inputs[0] as tf.Tensor4D, inputs.slice(1, n + 1) as tf.Tensor4D[], t, c, size)];
      };
      [h] = call(`up_blocks.${j}`, run, [h, ...blockSkips, temb, context]) as tf.Tensor4D[];
      up.push(h);
    });

    const out = this.convOut.forward(silu(this.convNormOut.forward(h))) as tf.Tensor4D;
    return { sample: out, blocks: { convIn, down, mid, up } };
  }
}

/** A timestep argument as one float per sample: (B,). */
function timestepsForBatch(timestep: number | tf.Tensor, batch: number): tf.Tensor1D {
  return tf.tidy(() => {
    if (typeof timestep === 'number') return tf.fill([batch], timestep, 'float32');
    const flat = timestep.toFloat().reshape([-1]) as tf.Tensor1D; // (1,) or (B,)
    if (flat.shape[0] === batch) return flat;
    if (flat.shape[0] === 1) return flat.tile([batch]);
    throw new Error(`UNet: ${flat.shape[0]} timesteps for a batch of ${batch}`);
  });
}
