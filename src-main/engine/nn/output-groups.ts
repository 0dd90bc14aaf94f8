import * as tf from '@tensorflow/tfjs';
import type { Parameter } from './parameter';

/**
 * Largest host-resident weight a layer uploads at once: 2^25 bytes, 32 MiB. On wasm an upload is
 * copied twice more while a layer runs (tfjs's transposed filter, XNNPACK's packed weights), so
 * SD 1.5's 118 MB 3x3 2560->1280 conv took 354 MB of heap in one go; above this the layer runs
 * in groups of output channels, each uploading only its own columns.
 */
export const MAX_WEIGHT_UPLOAD_BYTES = 1 << 25;

/** The [start, count] output-channel groups a weight is uploaded in: one group unless it is host-resident and over maxBytes. */
export function outputGroups(weight: Parameter, maxBytes = MAX_WEIGHT_UPLOAD_BYTES): [number, number][] {
  const outputs = weight.torchShape[0]; // PyTorch layout: [out, ...]
  const groups = weight.residency === 'host' ? Math.max(1, Math.ceil((weight.size * 4) / maxBytes)) : 1;
  const size = Math.ceil(outputs / groups);
  const ranges: [number, number][] = [];
  for (let start = 0; start < outputs; start += size) ranges.push([start, Math.min(size, outputs - start)]);
  return ranges;
}

/**
 * y = f(x, W, b) computed over groups of W's last axis (output channels) when W is a host-resident
 * weight over the limit, and joined on the output's last axis; in one go otherwise. `f` gets the
 * group's columns of the weight and of the bias.
 */
export function byOutputGroups(
  weight: Parameter,
  bias: Parameter | null,
  f: (w: tf.Tensor, b: tf.Tensor | null) => tf.Tensor,
  maxBytes = MAX_WEIGHT_UPLOAD_BYTES,
): tf.Tensor {
  const groups = outputGroups(weight, maxBytes);
  if (groups.length === 1) return f(weight.tensor, bias?.tensor ?? null);
  // A tidy per group frees its uploaded columns before the next group uploads its own.
  const parts = groups.map(([start, count]) => tf.tidy(() => f(weight.columns(start, count), bias?.columns(start, count) ?? null)));
  return tf.concat(parts, -1); // (..., out)
}
