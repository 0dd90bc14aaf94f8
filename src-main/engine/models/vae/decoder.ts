import * as tf from '@tensorflow/tfjs';
import { silu } from '../../nn/activations';
import { Conv2d } from '../../nn/conv2d';
import { GroupNorm } from '../../nn/group-norm';
import { MidBlock2D } from '../../nn/mid-block';
import { Module, ModuleList } from '../../nn/module';
import { UpBlock2D } from '../../nn/up-block';
import type { AutoencoderKLConfig } from './config';
import { VAE_NORM_EPS, vaeMidAttention, vaeResnetSettings } from './vae-resnet-settings';

/** diffusers' VAE Decoder: latent (after post_quant_conv) -> image. */
export class VaeDecoder extends Module {
  readonly convIn: Conv2d;
  readonly midBlock: MidBlock2D;
  readonly upBlocks: ModuleList<UpBlock2D>;
  readonly convNormOut: GroupNorm;
  readonly convOut: Conv2d;

  constructor(config: AutoencoderKLConfig) {
    super();
    const reversed = [...config.block_out_channels].reverse(); // deepest level first
    const resnet = vaeResnetSettings(config);
    const deepest = reversed[0];
    const shallowest = reversed[reversed.length - 1];
    this.convIn = this.addModule('conv_in', new Conv2d(config.latent_channels, deepest, { kernelSize: 3, padding: 1 }));
    this.midBlock = this.addModule('mid_block', new MidBlock2D({ ...resnet, channels: deepest, mixer: vaeMidAttention(config) }));
    const blocks = reversed.map(
      (width, j) =>
        new UpBlock2D({
          ...resnet,
          inChannels: j === 0 ? deepest : reversed[j - 1],
          outChannels: width,
          skipChannels: Array<number>(config.layers_per_block + 1).fill(0), // the decoder has no skips
          addUpsample: j < reversed.length - 1,
        }),
    );
    this.upBlocks = this.addModule('up_blocks', new ModuleList(blocks));
    this.convNormOut = this.addModule('conv_norm_out', new GroupNorm(config.norm_num_groups, shallowest, VAE_NORM_EPS));
    this.convOut = this.addModule('conv_out', new Conv2d(shallowest, config.out_channels, { kernelSize: 3, padding: 1 }));
  }

  /** (B, h, w, latent_channels) -> (B, h*f, w*f, out_channels) */
  forward(z: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      let h = this.middle(z);
      for (const block of this.upBlocks.items) h = block.forward(h, [], null, null);
      return this.convOut.forward(silu(this.convNormOut.forward(h))) as tf.Tensor4D;
    });
  }

  /** conv_in then the mid block: (B, h, w, latent_channels) -> (B, h, w, deepest width). */
  middle(z: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => this.midBlock.forward(this.convIn.forward(z) as tf.Tensor4D, null, null));
  }
}
