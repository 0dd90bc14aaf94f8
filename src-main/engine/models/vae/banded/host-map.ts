import * as tf from '@tensorflow/tfjs';
import type { GroupStatistics } from '../../../nn/group-norm';

/**
 * One sample's (H, W, C) float32 feature map kept in JS memory, in chunks of rows, while the
 * layers that read and write it stream it through the backend band by band. JS memory, unlike
 * the wasm heap, goes back to the system once a chunk is released, and a map larger than the
 * heap could hold still fits. Per-channel sums of what was written give its group statistics
 * exactly (in float64) without another pass.
 */
export class HostMap {
  private readonly chunks: (Float32Array | null)[];
  private readonly sums: Float64Array;
  private readonly squares: Float64Array;
  private written = 0;

  constructor(
    readonly height: number,
    readonly width: number,
    readonly channels: number,
    /** Rows per chunk: the band height its writer uses. */
    readonly chunkRows: number,
  ) {
    this.chunks = new Array<Float32Array | null>(Math.ceil(height / chunkRows)).fill(null);
    this.sums = new Float64Array(channels);
    this.squares = new Float64Array(channels);
  }

  /** Copies a (1, H, W, C) tensor out of the backend. */
  static fromTensor(x: tf.Tensor4D, chunkRows: number): HostMap {
    const [batch, height, width, channels] = x.shape;
    if (batch !== 1) throw new Error(`HostMap holds one sample, got a batch of ${batch}`);
    const map = new HostMap(height, width, channels, chunkRows);
    const values = x.dataSync() as Float32Array;
    const rowSize = width * channels;
    for (let r0 = 0; r0 < height; r0 += chunkRows) {
      map.writeValues(r0, values.slice(r0 * rowSize, Math.min(r0 + chunkRows, height) * rowSize));
    }
    return map;
  }

  /** Stores the next chunk of rows, (1, rows, W, C), starting at row r0 (chunks come in order). */
  write(r0: number, band: tf.Tensor4D): void {
    const [, rows, width, channels] = band.shape;
    if (width !== this.width || channels !== this.channels) {
      throw new Error(`HostMap: a band of ${width}x${channels} does not fit a map of ${this.width}x${this.channels}`);
    }
    if (rows !== Math.min(this.chunkRows, this.height - r0)) throw new Error(`HostMap: a band of ${rows} rows at row ${r0} is not one chunk`);
    this.writeValues(r0, band.dataSync() as Float32Array);
  }

  private writeValues(r0: number, values: Float32Array): void {
    if (r0 !== this.written) throw new Error(`HostMap: rows must be written in order (next is ${this.written}, got ${r0})`);
    this.chunks[r0 / this.chunkRows] = values;
    this.written = Math.min(r0 + this.chunkRows, this.height);
    const channels = this.channels;
    for (let i = 0; i < values.length; i += channels) {
      for (let c = 0; c < channels; c++) {
        const v = values[i + c];
        this.sums[c] += v;
        this.squares[c] += v * v;
      }
    }
  }

  /** Rows [r0, r1) as a (1, r1 - r0, W, C) tensor. */
  read(r0: number, r1: number): tf.Tensor4D {
    if (r0 < 0 || r1 > this.written || r0 >= r1) throw new Error(`HostMap: rows ${r0}..${r1} are not available (written: ${this.written})`);
    const rowSize = this.width * this.channels;
    const out = new Float32Array((r1 - r0) * rowSize);
    for (let row = r0; row < r1; ) {
      const index = Math.floor(row / this.chunkRows);
      const chunk = this.chunks[index];
      if (!chunk) throw new Error(`HostMap: row ${row} was already released`);
      const start = row - index * this.chunkRows;
      const end = Math.min((index + 1) * this.chunkRows, r1) - index * this.chunkRows;
      out.set(chunk.subarray(start * rowSize, end * rowSize), (row - r0) * rowSize);
      row += end - start;
    }
    return tf.tensor4d(out, [1, r1 - r0, this.width, this.channels]);
  }

  /** Frees every chunk whose rows all lie above `row`: no reader will ask for them again. */
  releaseBefore(row: number): void {
    for (let i = 0; (i + 1) * this.chunkRows <= row && i < this.chunks.length; i++) this.chunks[i] = null;
  }

  /** Frees the whole map. */
  release(): void {
    this.chunks.fill(null);
  }

  /** Mean and biased variance per group over the whole map, (1, 1, G, 1) each, as GroupNorm takes them. */
  groupStatistics(groups: number): GroupStatistics {
    if (this.written !== this.height) throw new Error(`HostMap: statistics asked before all ${this.height} rows were written`);
    const perGroup = this.channels / groups;
    const count = this.height * this.width * perGroup;
    const mean = new Float32Array(groups);
    const variance = new Float32Array(groups);
    for (let g = 0; g < groups; g++) {
      let sum = 0;
      let squares = 0;
      for (let c = g * perGroup; c < (g + 1) * perGroup; c++) {
        sum += this.sums[c];
        squares += this.squares[c];
      }
      const m = sum / count;
      mean[g] = m;
      variance[g] = Math.max(squares / count - m * m, 0);
    }
    return { mean: tf.tensor4d(mean, [1, 1, groups, 1]), variance: tf.tensor4d(variance, [1, 1, groups, 1]) };
  }
}
