import * as tf from '@tensorflow/tfjs';
import { Module, ModuleList } from './module';
import { ResnetBlock2D, type ResnetSettings } from './resnet-block';
import type { SpatialMixer, SpatialMixerFactory } from './spatial-mixer';
import { Upsample2D } from './upsample';

export interface UpBlockArgs extends ResnetSettings {
  /** Width of the map entering the block (diffusers' prev_output_channel, or in_channels in the VAE). */
  inChannels: number;
  outChannels: number;
  /** Width of the skip concatenated before each resnet; all 0 when the block takes no skips (VAE). */
  skipChannels: number[];
  addUpsample: boolean;
  /** Adds a mixer (transformer) after each resnet: CrossAttnUpBlock2D. */
  mixer?: SpatialMixerFactory;
}

/** diffusers' UpBlock2D, CrossAttnUpBlock2D and UpDecoderBlock2D on NHWC maps. */
export class UpBlock2D extends Module {
  readonly resnets: ModuleList<ResnetBlock2D>;
  readonly attentions: ModuleList<SpatialMixer> | null;
  readonly upsampler: Upsample2D | null;
  /** Whether each resnet expects a skip concatenated to its input (the UNet, not the VAE). */
  readonly takesSkips: boolean;

  constructor(args: UpBlockArgs) {
    super();
    const { outChannels } = args;
    this.takesSkips = args.skipChannels.some((c) => c > 0);
    const resnets = args.skipChannels.map(
      (skip, i) => new ResnetBlock2D({ ...args, inChannels: (i === 0 ? args.inChannels : outChannels) + skip, outChannels }),
    );
    this.resnets = this.addModule('resnets', new ModuleList(resnets));
    const mixer = args.mixer;
    this.attentions = mixer ? this.addModule('attentions', new ModuleList(resnets.map(() => mixer(outChannels)))) : null;
    this.upsampler = args.addUpsample
      ? this.addModule('upsamplers', new ModuleList([new Upsample2D(outChannels, outChannels)])).items[0]
      : null;
  }

  /** Number of resnets (and of skips consumed when the block takes skips). */
  get layers(): number {
    return this.resnets.items.length;
  }

  /**
   * skips: this block's skips in the order the down path produced them (the last one is
   * concatenated first), or [] for the VAE. upsampleSize: the target size when the input
   * does not double exactly.
   */
  forward(
    x: tf.Tensor4D,
    skips: tf.Tensor4D[],
    temb: tf.Tensor2D | null,
    context: tf.Tensor3D | null,
    upsampleSize?: [number, number],
  ): tf.Tensor4D {
    const expected = this.takesSkips ? this.layers : 0;
    if (skips.length !== expected) throw new Error(`UpBlock2D: expected ${expected} skips, got ${skips.length}`);
    return tf.tidy(() => {
      let h = x;
      this.resnets.items.forEach((resnet, i) => {
        if (this.takesSkips) h = tf.concat([h, skips[skips.length - 1 - i]], 3); // (B, H, W, C + skip)
        h = resnet.forward(h, temb);
        if (this.attentions) h = this.attentions.items[i].forward(h, context);
      });
      return this.upsampler ? this.upsampler.forward(h, upsampleSize) : h;
    });
  }
}
