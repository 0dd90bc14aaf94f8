import * as tf from '@tensorflow/tfjs';
import { AdaptableLayer } from './adaptable';
import { byOutputGroups } from './output-groups';
import { Parameter, type Layout } from './parameter';

// PyTorch: [out, in, kh, kw]; tfjs conv2d wants [kh, kw, in, out].
const hwio: Layout = { toEngine: (t) => t.transpose([2, 3, 1, 0]), toTorch: (t) => t.transpose([3, 2, 0, 1]) };

export interface Conv2dArgs {
  kernelSize: number;
  stride?: number;
  /** Zero padding on every side, as torch's `padding=` (an int). */
  padding?: number;
  bias?: boolean;
}

/** torch.nn.Conv2d on NHWC feature maps (the engine's image layout). */
export class Conv2d extends AdaptableLayer {
  readonly kind = 'conv2d';
  readonly weight: Parameter;
  readonly bias: Parameter | null;
  readonly kernelSize: number;
  readonly stride: number;
  readonly padding: number;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    args: Conv2dArgs,
  ) {
    super();
    this.kernelSize = args.kernelSize;
    this.stride = args.stride ?? 1;
    this.padding = args.padding ?? 0;
    const k = this.kernelSize;
    this.weight = this.addParameter('weight', new Parameter([outChannels, inChannels, k, k], hwio));
    this.bias = args.bias === false ? null : this.addParameter('bias', new Parameter([outChannels]));
  }

  baseForward(x: tf.Tensor): tf.Tensor {
    const p = this.padding;
    return this.convolve(x as tf.Tensor4D, p === 0 ? 'valid' : [[0, 0], [p, p], [p, p], [0, 0]]);
  }

  /**
   * The same convolution on a band of a map's rows that already carries `padding` halo rows
   * above and below (its neighbours, or zeros at the map's edges): only the columns are padded,
   * so the band's output rows are exactly the map's. For maps streamed in bands; no adapter
   * wrapper applies.
   */
  bandForward(x: tf.Tensor4D): tf.Tensor4D {
    const p = this.padding;
    return this.convolve(x, p === 0 ? 'valid' : [[0, 0], [0, 0], [p, p], [0, 0]]);
  }

  private convolve(x: tf.Tensor4D, pad: 'valid' | [[number, number], [number, number], [number, number], [number, number]]): tf.Tensor4D {
    return tf.tidy(
      () =>
        byOutputGroups(this.weight, this.bias, (w, b) => {
          const y = tf.conv2d(x, w as tf.Tensor4D, this.stride, pad);
          return b ? y.add(b) : y;
        }) as tf.Tensor4D, // (B, H', W', out)
    );
  }
}
