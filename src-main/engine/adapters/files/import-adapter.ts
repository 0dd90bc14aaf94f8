import { basename, extname } from 'node:path';
import { SafetensorsReader } from '../../io/safetensors';
import type { Adapter } from '../adapter';
import { detectStyle } from './detect-style';
import { importDiffusers } from './import-diffusers';
import { importKohya } from './import-kohya';
import { readAdapter } from './load-adapter';
import type { AdapterModels } from '../model-layers';

/**
 * Opens any adapter file the studio reads: our own format, a kohya LoRA / LoCon file or a
 * diffusers / PEFT LoRA file (fp16 or fp32). Community files are resolved against `models`
 * (the layers they name must exist there); unsupported kinds (LoHa, LoKr, DoRA ...) are
 * refused with their name.
 */
export async function importAdapter(path: string, models: AdapterModels): Promise<Adapter> {
  const reader = await SafetensorsReader.open(path);
  try {
    const style = detectStyle(path, reader.keys(), reader.metadata);
    if (style === 'styleinject') return await readAdapter(reader);
    const name = reader.metadata.ss_output_name || basename(path, extname(path));
    return style === 'kohya' ? await importKohya(reader, models, name) : await importDiffusers(reader, models, name);
  } finally {
    await reader.close();
  }
}
