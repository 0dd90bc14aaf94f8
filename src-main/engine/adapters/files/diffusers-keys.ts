import { adapterLayerKey, type AdapterComponent, type AdapterLayerKey } from '../adapter';

/** What one key of a diffusers / PEFT LoRA file holds, for which module. */
export interface DiffusersKey {
  layer: AdapterLayerKey;
  role: 'down' | 'up' | 'alpha';
}

/** Tensor suffixes of the diffusers / PEFT layouts, old and new. */
const ROLE_SUFFIXES: { suffix: RegExp; role: DiffusersKey['role'] }[] = [
  { suffix: /\.lora_A\.weight$/, role: 'down' }, // PEFT (diffusers >= 0.22)
  { suffix: /\.lora_B\.weight$/, role: 'up' },
  { suffix: /\.lora\.down\.weight$/, role: 'down' }, // LoRACompatibleLinear / converted kohya
  { suffix: /\.lora\.up\.weight$/, role: 'up' },
  { suffix: /\.lora_linear_layer\.down\.weight$/, role: 'down' }, // patched text encoder
  { suffix: /\.lora_linear_layer\.up\.weight$/, role: 'up' },
  { suffix: /_lora\.down\.weight$/, role: 'down' }, // attention processors: attn1.processor.to_q_lora
  { suffix: /_lora\.up\.weight$/, role: 'up' },
  { suffix: /\.alpha$/, role: 'alpha' }, // network_alphas
];

/** Old attention-processor module names -> the module they adapt (UNet Attention / CLIPAttention). */
const PROCESSOR_MODULES: [RegExp, string][] = [
  [/\.processor\.to_(q|k|v)$/, '.to_$1'],
  [/\.processor\.to_out$/, '.to_out.0'],
  [/\.self_attn\.to_(q|k|v)$/, '.self_attn.$1_proj'],
  [/\.self_attn\.to_out$/, '.self_attn.out_proj'],
];

/**
 * Parses a key of a diffusers / PEFT LoRA file: `unet.` / `text_encoder.` prefixes (none in old
 * UNet-only files; PEFT's `base_model.model.` is placed by its module path), then a role suffix.
 */
export function parseDiffusersKey(key: string): DiffusersKey | undefined {
  const found = ROLE_SUFFIXES.find(({ suffix }) => suffix.test(key));
  if (!found) return undefined;
  const module = key.replace(found.suffix, '');
  const { component, path } = splitComponent(module);
  const modulePath = PROCESSOR_MODULES.reduce((p, [from, to]) => p.replace(from, to), path);
  return { layer: adapterLayerKey(component, modulePath), role: found.role };
}

function splitComponent(module: string): { component: AdapterComponent; path: string } {
  if (module.startsWith('unet.')) return { component: 'unet', path: module.slice('unet.'.length) };
  if (module.startsWith('text_encoder.')) return { component: 'text_encoder', path: module.slice('text_encoder.'.length) };
  const path = module.startsWith('base_model.model.') ? module.slice('base_model.model.'.length) : module;
  return { component: path.startsWith('text_model.') ? 'text_encoder' : 'unet', path };
}
