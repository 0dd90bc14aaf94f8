import * as tf from '@tensorflow/tfjs';

/**
 * Router traces (spec section 6): every routed layer's alpha_route (B x K) per denoising step,
 * as plain numbers. The pipeline tells the trace which step it is in and how its batch rows
 * map to images (classifier-free guidance runs uncond then cond rows).
 *
 * Routes arrive as tensors in the middle of a forward pass, where reading them synchronously
 * would stall a GPU backend (and is impossible on webgpu under Node). So the trace keeps them
 * as tensors and reads them all at once, asynchronously, in `flush()` (the pipeline calls it
 * after each step); `rows` may only be read once everything recorded has been flushed.
 */

export type GuidancePass = 'uncond' | 'cond';

export interface RouterTraceRow {
  generationId?: string;
  imageIndex: number;
  /** Which half of a CFG batch the row came from; absent when the batch is not split. */
  pass?: GuidancePass;
  step: number;
  timestep: number;
  /** The adapter's name: each adapter on a layer has its own router. */
  adapter: string;
  /** The layer key, e.g. 'unet:mid_block.attentions.0.transformer_blocks.0.attn1.to_q'. */
  layer: string;
  probs: number[];
}

export interface RouterTraceStep {
  step: number;
  timestep: number;
  generationId?: string;
  /** Images in the batch; with `passes`, the batch holds passes.length * images rows, pass by pass. */
  images?: number;
  passes?: readonly GuidancePass[];
}

/** A route recorded as a tensor, waiting for flush(), with the step it was recorded in. */
interface PendingRoute {
  adapter: string;
  layer: string;
  at: RouterTraceStep;
  alphaRoute: tf.Tensor2D;
}

export class RouterTrace {
  private readonly flushed: RouterTraceRow[] = [];
  private pending: PendingRoute[] = [];
  // NaN timestep until the pipeline says which step it is in (e.g. a plain forward).
  private current: RouterTraceStep = { step: 0, timestep: Number.NaN };

  /** The recorded rows, in recording order. Throws while routes still wait for flush(). */
  get rows(): RouterTraceRow[] {
    if (this.pending.length > 0) {
      throw new Error(`the router trace holds ${this.pending.length} routes not read back yet: await trace.flush() before reading its rows`);
    }
    return this.flushed;
  }

  setStep(step: RouterTraceStep): void {
    this.current = { ...step };
  }

  /** One layer's routing for the whole batch, as numbers: probs holds B rows of K values. */
  record(adapter: string, layer: string, probs: ArrayLike<number>, k: number): void {
    this.addRows(adapter, layer, this.current, probs, k);
  }

  /**
   * One layer's routing for the whole batch as a (B, K) tensor, in the middle of a forward
   * pass: the trace keeps its own handle on it (the caller's tidy may dispose theirs) until
   * flush() reads it.
   */
  recordTensor(adapter: string, layer: string, alphaRoute: tf.Tensor2D): void {
    this.pending.push({ adapter, layer, at: { ...this.current }, alphaRoute: tf.keep(alphaRoute.clone()) });
  }

  /** Reads every pending route back with ONE asynchronous read, frees them and adds their rows. */
  async flush(): Promise<void> {
    const pending = this.pending;
    if (pending.length === 0) return;
    let values: Float32Array;
    try {
      const all = tf.tidy(() => tf.concat(pending.map((p) => p.alphaRoute.reshape([-1])))); // (sum of B*K)
      values = (await all.data()) as Float32Array;
      all.dispose();
    } finally {
      this.pending = [];
      tf.dispose(pending.map((p) => p.alphaRoute));
    }
    let offset = 0;
    for (const { adapter, layer, at, alphaRoute } of pending) {
      this.addRows(adapter, layer, at, values.subarray(offset, offset + alphaRoute.size), alphaRoute.shape[1]);
      offset += alphaRoute.size;
    }
  }

  private addRows(adapter: string, layer: string, at: RouterTraceStep, probs: ArrayLike<number>, k: number): void {
    const batchRows = probs.length / k;
    const { step, timestep, generationId, images, passes } = at;
    const split = images !== undefined && passes !== undefined && images * passes.length === batchRows;
    for (let row = 0; row < batchRows; row++) {
      this.flushed.push({
        ...(generationId !== undefined && { generationId }),
        imageIndex: split ? row % images : row,
        ...(split && { pass: passes[Math.floor(row / images)] }),
        step,
        timestep,
        adapter,
        layer,
        probs: Array.from({ length: k }, (_, j) => probs[row * k + j]),
      });
    }
  }

  /** Drops every row, and every route still waiting to be read. */
  clear(): void {
    this.flushed.length = 0;
    tf.dispose(this.pending.map((p) => p.alphaRoute));
    this.pending = [];
  }
}
