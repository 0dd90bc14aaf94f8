import * as tf from '@tensorflow/tfjs';

export interface TimestepsArgs {
  /** Output width (diffusers' num_channels = block_out_channels[0]). */
  dim: number;
  /** Put the cosines first ([cos | sin]) as SD does. */
  flipSinToCos: boolean;
  /** diffusers' downscale_freq_shift (config `freq_shift`). */
  freqShift: number;
  maxPeriod?: number;
}

/**
 * diffusers' Timesteps: the sinusoidal embedding of (possibly fractional) timesteps,
 * freq_i = exp(-ln(maxPeriod) * i / (half - shift)). Parameter-free.
 */
export class Timesteps {
  private readonly frequencies: Float32Array;

  constructor(readonly args: TimestepsArgs) {
    const half = Math.floor(args.dim / 2);
    const logPeriod = Math.fround(-Math.log(args.maxPeriod ?? 10000));
    const denominator = Math.fround(half - args.freqShift);
    // Each step rounded to float32, the order PyTorch computes them in, so the angles of
    // large timesteps (t ~ 1000) match the reference to the last bit that matters.
    this.frequencies = Float32Array.from({ length: half }, (_, i) =>
      Math.fround(Math.exp(Math.fround(Math.fround(logPeriod * i) / denominator))),
    );
  }

  /** timesteps: (B,) in float32 or int32; returns (B, dim). */
  forward(timesteps: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => {
      const angles = timesteps.toFloat().expandDims(1).mul(tf.tensor2d(this.frequencies, [1, this.frequencies.length])); // (B, half)
      const [first, second] = this.args.flipSinToCos ? [tf.cos(angles), tf.sin(angles)] : [tf.sin(angles), tf.cos(angles)];
      const parts = [first, second];
      if (this.args.dim % 2 === 1) parts.push(tf.zeros([angles.shape[0], 1])); // odd widths are zero padded
      return tf.concat(parts, 1) as tf.Tensor2D; // (B, dim)
    });
  }
}
