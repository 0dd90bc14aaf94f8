import * as tf from '@tensorflow/tfjs';
import { silu } from '../../../nn/activations';
import type { Conv2d } from '../../../nn/conv2d';
import type { GroupNorm } from '../../../nn/group-norm';
import type { ResnetBlock2D } from '../../../nn/resnet-block';
import type { Upsample2D } from '../../../nn/upsample';
import { HostMap } from './host-map';

/** How many rows a band of a map `width` wide and `channels` deep may have to stay near `bandBytes`. */
export function bandRows(width: number, channels: number, bandBytes: number): number {
  return Math.max(1, Math.floor(bandBytes / (width * channels * 4)));
}

/** The bands [r0, r1) that cover `height` rows. */
function* bands(height: number, rows: number): Generator<[number, number]> {
  for (let r0 = 0; r0 < height; r0 += rows) yield [r0, Math.min(r0 + rows, height)];
}

/**
 * conv(silu(norm(x))) for the output rows [r0, r1) of a 'same' 3x3 conv: the input rows with a
 * halo of conv.padding rows (zero rows at the map's edges, added after the activation as the
 * conv's own padding would be), through conv.bandForward. Returns (1, r1 - r0, W, out).
 */
function normActConvRows(x: HostMap, r0: number, r1: number, norm: GroupNorm, stats: ReturnType<HostMap['groupStatistics']>, conv: Conv2d): tf.Tensor4D {
  return tf.tidy(() => {
    const halo = conv.padding;
    const lo = Math.max(r0 - halo, 0);
    const hi = Math.min(r1 + halo, x.height);
    const activated = silu(norm.normalize(x.read(lo, hi), stats)); // (1, hi - lo, W, C)
    const padded = tf.pad(activated, [[0, 0], [halo - (r0 - lo), halo - (hi - r1)], [0, 0], [0, 0]]); // (1, r1 - r0 + 2 halo, W, C)
    return conv.bandForward(padded);
  });
}

/** Runs `body` once per band of `height` rows and stores each result in a new map of `channels`. */
function produce(height: number, width: number, channels: number, rows: number, body: (r0: number, r1: number) => tf.Tensor4D): HostMap {
  const out = new HostMap(height, width, channels, rows);
  for (const [r0, r1] of bands(height, rows)) {
    const band = body(r0, r1);
    out.write(r0, band);
    band.dispose();
  }
  return out;
}

function disposeStatistics(stats: ReturnType<HostMap['groupStatistics']>): void {
  tf.dispose([stats.mean, stats.variance]);
}

/**
 * A VAE ResnetBlock2D (no time embedding) on a map streamed in bands: conv1's output is stored
 * whole (norm2 needs its statistics before conv2 can run), then conv2 is added to the shortcut.
 * The input is consumed: its chunks are released as the bands pass them. A 1x1 shortcut conv
 * runs in the first pass, so that the input (twice the output's width where the block narrows,
 * 256 MB at 512 px) is gone before the second pass starts.
 */
export function resnetInBands(resnet: ResnetBlock2D, x: HostMap, bandBytes: number): HostMap {
  if (resnet.timeEmbProj) throw new Error('resnetInBands: resnets with a time embedding are not streamed');
  const out = resnet.conv2.outChannels;
  const rows = bandRows(x.width, Math.max(x.channels, out), bandBytes);
  const stats1 = x.groupStatistics(resnet.norm1.numGroups);
  const shortcutConv = resnet.convShortcut;
  const shortcut = shortcutConv ? new HostMap(x.height, x.width, out, rows) : x;
  const h = produce(x.height, x.width, out, rows, (r0, r1) => {
    const band = normActConvRows(x, r0, r1, resnet.norm1, stats1, resnet.conv1);
    if (shortcutConv && shortcut !== x) {
      const projected = tf.tidy(() => shortcutConv.bandForward(x.read(r0, r1)) as tf.Tensor4D);
      shortcut.write(r0, projected);
      projected.dispose();
      x.releaseBefore(r1 - resnet.conv1.padding); // the next band's halo starts there
    }
    return band;
  });
  disposeStatistics(stats1);
  if (shortcut !== x) x.release();
  const stats2 = h.groupStatistics(resnet.norm2.numGroups);
  const scale = resnet.outputScaleFactor;
  const y = produce(x.height, x.width, out, rows, (r0, r1) => {
    const band = tf.tidy(() => {
      const sum = shortcut.read(r0, r1).add(normActConvRows(h, r0, r1, resnet.norm2, stats2, resnet.conv2));
      return (scale === 1 ? sum : sum.div(scale)) as tf.Tensor4D;
    });
    h.releaseBefore(r1 - resnet.conv2.padding);
    shortcut.releaseBefore(r1);
    return band;
  });
  disposeStatistics(stats2);
  h.release();
  shortcut.release();
  return y;
}

/**
 * Upsample2D (nearest x2, then its 3x3 conv) on a map streamed in bands of output rows: each band
 * reads the source rows its upsampled rows and halo come from. The input is consumed.
 */
export function upsampleInBands(upsample: Upsample2D, x: HostMap, bandBytes: number): HostMap {
  const conv = upsample.conv;
  const [height, width] = [2 * x.height, 2 * x.width];
  const rows = bandRows(width, Math.max(x.channels, conv.outChannels), bandBytes);
  return produce(height, width, conv.outChannels, rows, (r0, r1) => {
    const band = tf.tidy(() => {
      const halo = conv.padding;
      const lo = Math.max(r0 - halo, 0);
      const hi = Math.min(r1 + halo, height);
      const [s0, s1] = [Math.floor(lo / 2), Math.floor((hi - 1) / 2) + 1]; // source rows of upsampled rows lo..hi-1
      const source = x.read(s0, s1); // (1, s1 - s0, W/2, C)
      const upsampled = tf.image.resizeNearestNeighbor(source, [2 * (s1 - s0), width], false, false); // (1, 2(s1 - s0), W, C): rows 2 s0..2 s1
      const needed = upsampled.slice([0, lo - 2 * s0, 0, 0], [1, hi - lo, width, x.channels]); // (1, hi - lo, W, C)
      const padded = tf.pad(needed, [[0, 0], [halo - (r0 - lo), halo - (hi - r1)], [0, 0], [0, 0]]); // (1, r1 - r0 + 2 halo, W, C)
      return conv.bandForward(padded);
    });
    x.releaseBefore(Math.floor((r1 - conv.padding) / 2));
    return band;
  });
}

/** conv_out(silu(conv_norm_out(x))) in bands; its output (3 channels) is small enough to return whole. */
export function outputInBands(norm: GroupNorm, conv: Conv2d, x: HostMap, bandBytes: number): tf.Tensor4D {
  const rows = bandRows(x.width, x.channels, bandBytes);
  const stats = x.groupStatistics(norm.numGroups);
  const parts: tf.Tensor4D[] = [];
  for (const [r0, r1] of bands(x.height, rows)) {
    parts.push(normActConvRows(x, r0, r1, norm, stats, conv));
    x.releaseBefore(r1 - conv.padding);
  }
  disposeStatistics(stats);
  x.release();
  const image = tf.concat(parts, 1); // (1, H, W, out)
  tf.dispose(parts);
  return image;
}
