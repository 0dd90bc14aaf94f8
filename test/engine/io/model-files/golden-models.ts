import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenDir } from '../../../parity/golden';

/** The golden tiny SD 1.5 model, as the models manifest describes it. */
export interface GoldenModels {
  singleFile: string;
  singleFileF16: string;
  diffusersDir: string;
  prefixes: Record<'unet' | 'vae' | 'text_encoder', string>;
  configs: Record<'unet' | 'vae' | 'text_encoder', Record<string, unknown>>;
}

export function goldenModels(): GoldenModels {
  const dir = join(goldenDir(), 'models');
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  return {
    singleFile: join(dir, m.files.single_file_f32),
    singleFileF16: join(dir, m.files.single_file_f16),
    diffusersDir: join(dir, m.files.diffusers_dir),
    prefixes: m.prefixes,
    configs: { unet: m.unet_config, vae: m.vae_config, text_encoder: m.text_encoder_config },
  };
}
