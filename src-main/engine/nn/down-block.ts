import * as tf from '@tensorflow/tfjs';
import { Downsample2D } from './downsample';
import { Module, ModuleList } from './module';
import { ResnetBlock2D, type ResnetSettings } from './resnet-block';
import type { SpatialMixer, SpatialMixerFactory } from './spatial-mixer';

export interface DownBlockArgs extends ResnetSettings {
  inChannels: number;
  outChannels: number;
  layers: number;
  addDownsample: boolean;
  /** 1 for the UNet; 0 for the VAE (asymmetric (0,1,0,1) pad instead). */
  downsamplePadding: number;
  /** Adds a mixer (transformer) after each resnet: CrossAttnDownBlock2D. */
  mixer?: SpatialMixerFactory;
}

export interface DownBlockOutput {
  hidden: tf.Tensor4D;
  /** The state after every resnet (+mixer) and after the downsampler: the UNet's skips. */
  skips: tf.Tensor4D[];
}

/** diffusers' DownBlock2D, CrossAttnDownBlock2D and DownEncoderBlock2D on NHWC maps. */
export class DownBlock2D extends Module {
  readonly resnets: ModuleList<ResnetBlock2D>;
  readonly attentions: ModuleList<SpatialMixer> | null;
  readonly downsampler: Downsample2D | null;

  constructor(args: DownBlockArgs) {
    super();
    const widths = Array.from({ length: args.layers }, (_, i) => (i === 0 ? args.inChannels : args.outChannels));
    this.resnets = this.addModule(
      'resnets',
      new ModuleList(widths.map((inChannels) => new ResnetBlock2D({ ...args, inChannels, outChannels: args.outChannels }))),
    );
    const mixer = args.mixer;
    this.attentions = mixer ? this.addModule('attentions', new ModuleList(widths.map(() => mixer(args.outChannels)))) : null;
    this.downsampler = args.addDownsample
      ? this.addModule('downsamplers', new ModuleList([new Downsample2D(args.outChannels, args.outChannels, args.downsamplePadding)])).items[0]
      : null;
  }

  forward(x: tf.Tensor4D, temb: tf.Tensor2D | null, context: tf.Tensor3D | null): DownBlockOutput {
    return tf.tidy(() => {
      const skips: tf.Tensor4D[] = [];
      let h = x;
      this.resnets.items.forEach((resnet, i) => {
        h = resnet.forward(h, temb);
        if (this.attentions) h = this.attentions.items[i].forward(h, context);
        skips.push(h);
      });
      if (this.downsampler) {
        h = this.downsampler.forward(h);
        skips.push(h);
      }
      return { hidden: h, skips };
    });
  }
}
