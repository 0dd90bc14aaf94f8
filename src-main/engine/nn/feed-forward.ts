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

/**
 * Most hidden values (2 * inner per token) a FeedForward holds at once: 2^22 floats, 16 MiB.
 * At SD 1.5's first level a CFG pair has 8192 tokens of 2 * 1280: 84 MB per hidden tensor, and
 * GEGLU keeps several alive; unchunked, they alone doubled the wasm heap a UNet step needs.
 */
export const FEED_FORWARD_MAX_HIDDEN = 1 << 22;

/**
 * diffusers' FeedForward with activation "geglu": net.0 = GEGLU, net.2 = Linear back to dim.
 * Tokens are independent here, so they go through in chunks (diffusers' forward chunking).
 */
export class FeedForward extends Module {
  readonly geglu: GEGLU;
  readonly out: Linear;

  constructor(dim: number, innerDim = dim * 4) {
    super();
    this.geglu = new GEGLU(dim, innerDim);
    this.out = new Linear(innerDim, dim);
    this.addModule('net', new IndexedModules([[0, this.geglu], [2, this.out]])); // net.1 is torch's Dropout
  }

  forward<T extends tf.Tensor>(x: T, maxHidden = FEED_FORWARD_MAX_HIDDEN): T {
    return tf.tidy(() => {
      const dim = x.shape[x.rank - 1];
      const tokens = x.size / dim;
      const chunk = Math.max(1, Math.floor(maxHidden / (2 * this.geglu.innerDim)));
      if (tokens <= chunk) return this.out.forward(this.geglu.forward(x)) as T;
      const flat = x.reshape([tokens, dim]); // (tokens, dim)
      const parts: tf.Tensor[] = [];
      for (let start = 0; start < tokens; start += chunk) {
        const rows = flat.slice([start, 0], [Math.min(chunk, tokens - start), dim]); // (rows, dim)
        // A tidy per chunk frees its hidden values before the next chunk makes its own.
        parts.push(tf.tidy(() => this.out.forward(this.geglu.forward(rows))));
      }
      return tf.concat(parts, 0).reshape(x.shape) as T; // (..., dim)
    });
  }
}
