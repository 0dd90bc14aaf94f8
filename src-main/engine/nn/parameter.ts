import * as tf from '@tensorflow/tfjs';

/** Converts between PyTorch's layout (what checkpoints store) and the engine's layout. */
export interface Layout {
  toEngine(torch: tf.Tensor): tf.Tensor;
  toTorch(engine: tf.Tensor): tf.Tensor;
}

export const identityLayout: Layout = { toEngine: (t) => t.clone(), toTorch: (t) => t.clone() };

/**
 * Where a loaded weight lives. 'device': a tensor kept in the backend's memory. 'host': a
 * Float32Array in JS memory (already in the engine's layout), uploaded for each use and freed
 * with the caller's tidy scope; for models larger than the backend's memory (wasm: 4 GiB).
 */
export type WeightResidency = 'device' | 'host';

/** A host-resident weight: its values in the engine's layout and that layout's shape. */
interface HostValue {
  values: Float32Array;
  shape: number[];
}

/**
 * One weight of a module. It is named and shaped as the checkpoint names and shapes it
 * (PyTorch layout) so that loading is a copy plus a shape check, and stored in whatever
 * layout the engine computes fastest with (e.g. a Linear weight transposed to [in, out]).
 */
export class Parameter {
  /** In backend memory: a device-resident weight, or a host-resident one still being read back. */
  private value: tf.Tensor | null = null;
  private host: HostValue | null = null;
  private where: WeightResidency = 'device';
  private readBack: Promise<void> = Promise.resolve();

  constructor(
    readonly torchShape: readonly number[],
    private readonly layout: Layout = identityLayout,
  ) {}

  get loaded(): boolean {
    return this.value !== null || this.host !== null;
  }

  /** Number of values (the same in either layout). */
  get size(): number {
    return this.torchShape.reduce((a, b) => a * b, 1);
  }

  get residency(): WeightResidency {
    return this.where;
  }

  /**
   * Chooses where the weight lives; a loaded weight moves there (set it before loading to
   * never hold the weight in the backend's memory beyond one conversion). Moving to the host
   * reads the values back asynchronously: until `settled()` resolves the weight is still in
   * backend memory (and used from there).
   */
  set residency(next: WeightResidency) {
    if (next === this.where) return;
    this.where = next;
    if (next === 'host' && this.value) {
      this.moveToHost(this.value);
    } else if (next === 'device' && this.host) {
      this.value = tf.keep(tf.tensor(this.host.values, this.host.shape, 'float32'));
      this.host = null;
    }
  }

  /** Copies a tensor in PyTorch layout in. The caller keeps ownership of `torch`. */
  load(torch: tf.Tensor, name = 'parameter'): void {
    if (!sameShape(torch.shape, this.torchShape)) {
      throw new Error(`${name}: expected shape [${this.torchShape.join(', ')}], got [${torch.shape.join(', ')}]`);
    }
    const next = tf.tidy(() => this.layout.toEngine(torch.dtype === 'float32' ? torch : torch.toFloat()));
    this.dispose();
    this.value = tf.keep(next);
    if (this.where === 'host') this.moveToHost(next);
  }

  /**
   * Resolves once a host-resident weight has left backend memory (at once for a device-resident
   * one); rejects when reading it back failed, in which case the weight stayed on the device.
   */
  settled(): Promise<void> {
    return this.readBack;
  }

  /**
   * Reads `tensor` back without blocking (GPU backends cannot, or should not, read
   * synchronously) and frees it once its values are on the host, unless the weight was
   * replaced, freed or sent back to the device in the meantime.
   */
  private moveToHost(tensor: tf.Tensor): void {
    this.readBack = tensor.data().then((values) => {
      if (this.value !== tensor || this.where !== 'host') return;
      this.host = { values: values as Float32Array, shape: [...tensor.shape] };
      this.value = null;
      tensor.dispose();
    });
    this.readBack.catch(() => undefined); // reported through settled(); never an unhandled rejection
  }

  /**
   * The weight in the engine's layout, for forward passes. Device-resident (or still being read
   * back): the kept tensor. Host-resident: a fresh upload owned by the caller's tf.tidy scope,
   * so a layer's weight occupies backend memory only while that layer runs (autodiff keeps its
   * own copy for the backward pass). Read it inside a tidy.
   */
  get tensor(): tf.Tensor {
    if (this.value) return this.value;
    if (this.host) return tf.tensor(this.host.values, this.host.shape, 'float32');
    throw new Error('parameter used before its weights were loaded');
  }

  /**
   * Columns [start, start + count) of the weight's last axis in the engine's layout (a layer's
   * output channels), owned by the caller's tidy scope like `tensor`. Host-resident: only those
   * values are uploaded, so a layer can run in groups of output channels without its whole
   * weight in backend memory at once.
   */
  columns(start: number, count: number): tf.Tensor {
    if (this.value) return this.value.slice([...this.value.shape.map(() => 0).slice(0, -1), start], [...this.value.shape.slice(0, -1), count]);
    if (!this.host) throw new Error('parameter used before its weights were loaded');
    const { values, shape } = this.host;
    const width = shape[shape.length - 1];
    const rows = values.length / width;
    const out = new Float32Array(rows * count);
    for (let r = 0; r < rows; r++) out.set(values.subarray(r * width + start, r * width + start + count), r * count);
    return tf.tensor(out, [...shape.slice(0, -1), count], 'float32');
  }

  /** A new tensor in PyTorch layout (for merging, exporting, hashing). The caller owns it. */
  toTorch(): tf.Tensor {
    return tf.tidy(() => this.layout.toTorch(this.tensor));
  }

  dispose(): void {
    this.value?.dispose();
    this.value = null;
    this.host = null;
  }
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
