import type { ModelDetection } from './detection';
import type { SafetensorsHeaderInfo } from './read-header';

const VAE_PREFIXES = ['encoder.', 'decoder.', 'quant_conv.', 'post_quant_conv.'];

/** Every key is an autoencoder's (ldm `encoder.down.0...` or diffusers `encoder.down_blocks.0...`). */
export function looksLikeVae(keys: readonly string[]): boolean {
  return keys.length > 0 && keys.some((k) => k.startsWith('decoder.')) && keys.every((k) => VAE_PREFIXES.some((p) => k.startsWith(p)));
}

/** A standalone VAE: SD 1.5's has 4 latent channels (SD 3 and Flux use 16). */
export function classifyVae(header: SafetensorsHeaderInfo): ModelDetection | string {
  const latentChannels = header.shapes.get('decoder.conv_in.weight')?.[1];
  if (latentChannels !== 4) return `a VAE with ${latentChannels ?? 'unknown'} latent channels; SD 1.5 uses 4`;
  const layout = header.keys.some((k) => k.includes('.down_blocks.')) ? 'diffusers' : 'ldm';
  return { kind: 'vae', format: 'single_file', details: { architecture: 'sd15-vae', latentChannels, keyLayout: layout }, notes: [] };
}
