/** What one child process measures: a UNet forward, or one adapter training step. */
export interface VariantSpec {
  kind: 'forward' | 'train';
  /** Latent side: 64 is SD 1.5 at 512 px; smaller sizes are a labelled fallback. */
  latent: number;
  adapter?: 'styleinject' | 'lora';
  /** 'per-layer': per block and, nested, per resnet/transformer; 'none': the plain tape. */
  checkpointing?: 'per-layer' | 'per-block' | 'none';
}

/** The child's report, printed on stdout as RESULT_PREFIX + JSON when it exits (even on a crash). */
export interface VariantResult {
  status: 'ok' | 'failed';
  /** Seconds of the measured step (or until it failed). */
  seconds: number;
  /** The child's lifetime peak RSS (process.resourceUsage().maxRSS), bytes: loading included. */
  maxRssBytes: number;
  /** The wasm backend's linear memory when the child ended, bytes (it only grows). */
  wasmHeapBytes: number;
  trainable?: number;
  error?: string;
}

export const RESULT_PREFIX = 'TRAIN_STEP_RESULT ';

export const variantLabel = (s: VariantSpec) =>
  s.kind === 'forward' ? 'UNet forward' : `train step ${s.adapter === 'lora' ? 'LoRA r=32' : 'StyleInject K=16 r=32'}, ${s.checkpointing === 'none' ? 'plain' : `checkpointed ${s.checkpointing}`}`;
