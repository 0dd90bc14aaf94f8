/**
 * Router traces (spec section 6): every routed layer's alpha_route (B x K) per denoising step,
 * as plain numbers (no tensors are kept). The pipeline tells the trace which step it is in
 * and how its batch rows map to images (classifier-free guidance runs uncond then cond rows).
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

export class RouterTrace {
  readonly rows: RouterTraceRow[] = [];
  // NaN timestep until the pipeline says which step it is in (e.g. a plain forward).
  private current: RouterTraceStep = { step: 0, timestep: Number.NaN };

  setStep(step: RouterTraceStep): void {
    this.current = { ...step };
  }

  /** One layer's routing for the whole batch: probs holds B rows of K values. */
  record(adapter: string, layer: string, probs: ArrayLike<number>, k: number): void {
    const batchRows = probs.length / k;
    const { step, timestep, generationId, images, passes } = this.current;
    const split = images !== undefined && passes !== undefined && images * passes.length === batchRows;
    for (let row = 0; row < batchRows; row++) {
      this.rows.push({
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

  clear(): void {
    this.rows.length = 0;
  }
}
