import * as tf from '@tensorflow/tfjs';
import { gelu } from './activations';
import { IndexedModules } from './indexed-modules';
import { Linear } from './linear';
import { Module } from './module';

/** diffusers' GEGLU: one projection to 2*inner, split into value and gate, value * gelu(gate). */
export class GEGLU extends Module {
  readonly proj: Linear;

  constructor(
    dim: number,
    readonly innerDim: number,
  ) {
    super();
    this.proj = this.addModule('proj', new Linear(dim, innerDim * 2));
  }

  /** (..., dim) -> (..., inner) */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const [value, gate] = tf.split(this.proj.forward(x), 2, -1); // (..., inner) each
      return value.mul(gelu(gate));
    });
  }
}

/** diffusers' FeedForward with activation "geglu": net.0 = GEGLU, net.2 = Linear back to dim. */
export class FeedForward extends Module {
  readonly geglu: GEGLU;
  readonly out: Linear;

  constructor(dim: number, innerDim = dim * 4) {
    super();
    this.geglu = new GEGLU(dim, innerDim);
    this.out = new Linear(innerDim, dim);
    this.addModule('net', new IndexedModules([[0, this.geglu], [2, this.out]])); // net.1 is torch's Dropout
  }

  forward<T extends tf.Tensor>(x: T): T {
    return tf.tidy(() => this.out.forward(this.geglu.forward(x)) as T);
  }
}
