import { openSync, closeSync, ftruncateSync, writeSync } from 'node:fs';

export interface HeaderTensor {
  name: string;
  shape: number[];
  dtype?: 'F16' | 'F32';
}

/**
 * A valid .safetensors file with the given tensors whose data is all zeros and sparse on disk,
 * so a test can describe an SDXL-sized checkpoint without writing gigabytes: the studio reads
 * only headers, and the engine's reader checks every offset against the real file size.
 */
export function writeHeaderOnlySafetensors(path: string, tensors: readonly HeaderTensor[], metadata: Record<string, string> = {}): string {
  const header: Record<string, unknown> = Object.keys(metadata).length > 0 ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const t of tensors) {
    const dtype = t.dtype ?? 'F16';
    const bytes = t.shape.reduce((a, b) => a * b, 1) * (dtype === 'F16' ? 2 : 4);
    header[t.name] = { dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(json.length));
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, prefix);
    writeSync(fd, json);
    ftruncateSync(fd, 8 + json.length + offset);
  } finally {
    closeSync(fd);
  }
  return path;
}

const UNET = 'model.diffusion_model.';

/** The keys that decide an ldm single-file checkpoint's architecture, SD 1.5 sized unless told otherwise. */
export function ldmCheckpoint(options: { context?: number; inChannels?: number; textPrefix?: string; linearProj?: boolean; vae?: boolean } = {}): HeaderTensor[] {
  const context = options.context ?? 768;
  return [
    { name: `${UNET}input_blocks.0.0.weight`, shape: [320, options.inChannels ?? 4, 3, 3] },
    { name: `${UNET}input_blocks.1.1.proj_in.weight`, shape: options.linearProj ? [320, 320] : [320, 320, 1, 1] },
    { name: `${UNET}input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight`, shape: [320, context] },
    { name: `${options.textPrefix ?? 'cond_stage_model.transformer.'}text_model.embeddings.token_embedding.weight`, shape: [49408, context] },
    ...(options.vae === false ? [] : [{ name: 'first_stage_model.decoder.conv_in.weight', shape: [512, 4, 3, 3] }]),
  ];
}
