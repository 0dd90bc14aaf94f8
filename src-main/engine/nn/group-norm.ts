import * as tf from '@tensorflow/tfjs';
import { Module } from './module';
import { Parameter } from './parameter';

/** Per-group mean and biased variance, (B, 1, G, 1) each. */
export interface GroupStatistics {
  mean: tf.Tensor;
  variance: tf.Tensor;
}

/** torch.nn.GroupNorm on channels-last input (B, ..., C): statistics per sample and group. */
export class GroupNorm extends Module {
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;

  constructor(
    readonly numGroups: number,
    readonly numChannels: number,
    readonly eps = 1e-5,
    affine = true,
  ) {
    super();
    if (numChannels % numGroups !== 0) {
      throw new Error(`GroupNorm: ${numChannels} channels cannot be split into ${numGroups} groups`);
    }
    this.weight = affine ? this.addParameter('weight', new Parameter([numChannels])) : null;
    this.bias = affine ? this.addParameter('bias', new Parameter([numChannels])) : null;
  }

  forward<T extends tf.Tensor>(x: T): T {
    return tf.tidy(() => this.normalize(x, x.rank === 4 ? this.mapStatistics(x as tf.Tensor4D) : this.tokenStatistics(x)));
  }

  /**
   * Normalizes x (B, ..., C) with given per-group statistics, mean and biased variance (B, 1, G, 1)
   * each: forward's second half, for callers that gather the statistics of a map too large to
   * hold at once (the VAE decoder's bands).
   */
  normalize<T extends tf.Tensor>(x: T, { mean, variance }: GroupStatistics): T {
    return tf.tidy(() => {
      const batch = x.shape[0];
      const groups = this.numGroups;
      const perGroup = this.numChannels / groups;
      // Normalization and the affine map folded into one scale and shift per (sample, channel):
      // two passes over the map instead of four (these maps reach 256 MB in the VAE at 512 px).
      let scale = tf.rsqrt(variance.add(this.eps)); // (B, 1, G, 1)
      let shift = mean.neg().mul(scale); // (B, 1, G, 1)
      if (this.weight && this.bias) {
        const weight = this.weight.tensor.reshape([1, 1, groups, perGroup]); // (1, 1, G, C/G)
        scale = scale.mul(weight); // (B, 1, G, C/G)
        shift = shift.mul(weight).add(this.bias.tensor.reshape([1, 1, groups, perGroup])); // (B, 1, G, C/G)
      }
      const grouped = x.reshape([batch, -1, groups, perGroup]); // (B, positions, G, C/G)
      return grouped.mul(scale).add(shift).reshape(x.shape) as T; // (B, ..., C)
    });
  }

  /**
   * Per-group mean and biased variance of an NHWC map, both (B, 1, G, 1). Per-channel means
   * come from average pooling over the whole map, which streams NHWC once; a reduction over
   * the positions axis (tf.moments) transposes the whole map first, ~70x slower on wasm at
   * 512x512x128. Two passes (mean, then mean squared deviation) as torch computes it.
   */
  private mapStatistics(x: tf.Tensor4D): GroupStatistics {
    const [batch, height, width] = x.shape;
    const groups = this.numGroups;
    const perGroup = this.numChannels / groups;
    const channelMeans = (map: tf.Tensor4D) => tf.avgPool(map, [height, width], [height, width], 'valid'); // (B, 1, 1, C)
    // Equal counts per channel, so a group's mean is the mean of its channels' means.
    const groupMean = (perChannel: tf.Tensor4D) => perChannel.reshape([batch, 1, groups, perGroup]).mean(3, true); // (B, 1, G, 1)
    const mean = groupMean(channelMeans(x));
    // A tidy frees the full-size deviations as soon as their channel means are taken.
    const variance = tf.tidy(() => {
      const deviation = x.reshape([batch, height * width, groups, perGroup]).sub(mean); // (B, H*W, G, C/G)
      return groupMean(channelMeans(deviation.square().reshape(x.shape) as tf.Tensor4D)); // (B, 1, G, 1)
    });
    return { mean, variance };
  }

  /** The same statistics for any other rank (B, ..., C), through tf.moments. */
  private tokenStatistics(x: tf.Tensor): GroupStatistics {
    const grouped = x.reshape([x.shape[0], -1, this.numGroups, this.numChannels / this.numGroups]); // (B, positions, G, C/G)
    return tf.moments(grouped, [1, 3], true); // (B, 1, G, 1) each; biased variance like torch
  }
}
