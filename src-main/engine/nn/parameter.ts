import * as tf from '@tensorflow/tfjs';

/** Converts between PyTorch's layout (what checkpoints store) and the engine's layout. */
export interface Layout {
  toEngine(torch: tf.Tensor): tf.Tensor;
  toTorch(engine: tf.Tensor): tf.Tensor;
}

export const identityLayout: Layout = { toEngine: (t) => t.clone(), toTorch: (t) => t.clone() };

/**
 * One weight of a module. It is named and shaped as the checkpoint names and shapes it
 * (PyTorch layout) so that loading is a copy plus a shape check, and stored in whatever
 * layout the engine computes fastest with (e.g. a Linear weight transposed to [in, out]).
 */
export class Parameter {
  private value: tf.Tensor | null = null;

  constructor(
    readonly torchShape: readonly number[],
    private readonly layout: Layout = identityLayout,
  ) {}

  get loaded(): boolean {
    return this.value !== null;
  }

  /** Copies a tensor in PyTorch layout in. The caller keeps ownership of `torch`. */
  load(torch: tf.Tensor, name = 'parameter'): void {
    if (!sameShape(torch.shape, this.torchShape)) {
      throw new Error(`${name}: expected shape [${this.torchShape.join(', ')}], got [${torch.shape.join(', ')}]`);
    }
    const next = tf.tidy(() => this.layout.toEngine(torch.dtype === 'float32' ? torch : torch.toFloat()));
    this.value?.dispose();
    this.value = tf.keep(next);
  }

  /** The weight in the engine's layout, for forward passes. */
  get tensor(): tf.Tensor {
    if (!this.value) throw new Error('parameter used before its weights were loaded');
    return this.value;
  }

  /** A new tensor in PyTorch layout (for merging, exporting, hashing). The caller owns it. */
  toTorch(): tf.Tensor {
    return tf.tidy(() => this.layout.toTorch(this.tensor));
  }

  dispose(): void {
    this.value?.dispose();
    this.value = null;
  }
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
