import * as tf from '@tensorflow/tfjs';
import { silu } from '../../nn/activations';
import { Conv2d } from '../../nn/conv2d';
import { DownBlock2D } from '../../nn/down-block';
import { GroupNorm } from '../../nn/group-norm';
import { MidBlock2D } from '../../nn/mid-block';
import { Module, ModuleList } from '../../nn/module';
import type { AutoencoderKLConfig } from './config';
import { VAE_NORM_EPS, vaeMidAttention, vaeResnetSettings } from './vae-resnet-settings';

/** diffusers' VAE Encoder: image -> 2*latent_channels moments (mean | logvar), before quant_conv. */
export class VaeEncoder extends Module {
  readonly convIn: Conv2d;
  readonly downBlocks: ModuleList<DownBlock2D>;
  readonly midBlock: MidBlock2D;
  readonly convNormOut: GroupNorm;
  readonly convOut: Conv2d;

  constructor(config: AutoencoderKLConfig) {
    super();
    const widths = config.block_out_channels;
    const resnet = vaeResnetSettings(config);
    this.convIn = this.addModule('conv_in', new Conv2d(config.in_channels, widths[0], { kernelSize: 3, padding: 1 }));
    const blocks = widths.map(
      (width, i) =>
        new DownBlock2D({
          ...resnet,
          inChannels: i === 0 ? widths[0] : widths[i - 1],
          outChannels: width,
          layers: config.layers_per_block,
          addDownsample: i < widths.length - 1,
          downsamplePadding: 0,
        }),
    );
    this.downBlocks = this.addModule('down_blocks', new ModuleList(blocks));
    const deepest = widths[widths.length - 1];
    this.midBlock = this.addModule('mid_block', new MidBlock2D({ ...resnet, channels: deepest, mixer: vaeMidAttention(config) }));
    this.convNormOut = this.addModule('conv_norm_out', new GroupNorm(config.norm_num_groups, deepest, VAE_NORM_EPS));
    this.convOut = this.addModule('conv_out', new Conv2d(deepest, 2 * config.latent_channels, { kernelSize: 3, padding: 1 }));
  }

  /** (B, H, W, in_channels) -> (B, H/f, W/f, 2*latent_channels) */
  forward(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      let h = this.convIn.forward(x) as tf.Tensor4D;
      for (const block of this.downBlocks.items) h = block.forward(h, null, null).hidden;
      h = this.midBlock.forward(h, null, null);
      return this.convOut.forward(silu(this.convNormOut.forward(h))) as tf.Tensor4D;
    });
  }
}
