import * as tf from '@tensorflow/tfjs';
import { Module, ModuleList } from './module';
import { ResnetBlock2D, type ResnetSettings } from './resnet-block';
import type { SpatialMixer, SpatialMixerFactory } from './spatial-mixer';

export interface MidBlockArgs extends ResnetSettings {
  channels: number;
  /** Mixer + resnet pairs after the first resnet (1 in SD). */
  layers?: number;
  /** The attention between resnets; omitted when the config turns it off. */
  mixer?: SpatialMixerFactory;
}

/**
 * diffusers' UNetMidBlock2DCrossAttn (mixer = Transformer2DModel) and UNetMidBlock2D
 * (mixer = the VAE's self-attention): resnet, then (mixer, resnet) per layer, width kept.
 */
export class MidBlock2D extends Module {
  readonly resnets: ModuleList<ResnetBlock2D>;
  readonly attentions: ModuleList<SpatialMixer> | null;

  constructor(args: MidBlockArgs) {
    super();
    const layers = args.layers ?? 1;
    const resnet = () => new ResnetBlock2D({ ...args, inChannels: args.channels, outChannels: args.channels });
    this.resnets = this.addModule('resnets', new ModuleList(Array.from({ length: layers + 1 }, resnet)));
    const mixer = args.mixer;
    this.attentions = mixer
      ? this.addModule('attentions', new ModuleList(Array.from({ length: layers }, () => mixer(args.channels))))
      : null;
  }

  forward(x: tf.Tensor4D, temb: tf.Tensor2D | null, context: tf.Tensor3D | null): tf.Tensor4D {
    return tf.tidy(() => {
      const [first, ...rest] = this.resnets.items;
      let h = first.forward(x, temb);
      rest.forEach((resnet, i) => {
        if (this.attentions) h = this.attentions.items[i].forward(h, context);
        h = resnet.forward(h, temb);
      });
      return h;
    });
  }
}
