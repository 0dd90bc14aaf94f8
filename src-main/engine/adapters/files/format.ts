import type { AdapterComponent } from '../adapter';

/**
 * StyleInject Studio's adapter file: a `.safetensors` file.
 *
 * Tensors, one group per adapted layer, PyTorch layout (float32 unless saved as fp16):
 *
 *     <component>.<module path>.down.weight     (K*r, d_in)  or (K*r, d_in, kh, kw)   stacked A
 *     <component>.<module path>.up.weight       (d_out, r)   or (d_out, r, 1, 1)      shared B
 *     <component>.<module path>.router.weight   (K, 2*d_in)                           DMA only
 *     <component>.<module path>.gamma.weight    (d_out)                               STA only
 *     <component>.<module path>.alpha           ()  0-d scalar                        scale = alpha / r
 *
 * `<component>` is `unet` or `text_encoder`; `<module path>` is the diffusers (UNet) or
 * transformers (CLIP) module path, e.g. `unet.down_blocks.1.attentions.0.transformer_blocks.0.attn1.to_q.down.weight`.
 *
 * `__metadata__` (all values strings, as safetensors requires):
 *
 *     format            "styleinject"
 *     format_version    "1" (a reader refuses a larger number: the file is from a newer app)
 *     name              the adapter's name
 *     method            "lora" | "styleinject"
 *     rank, k, alpha    numbers as decimal text
 *     dma, sta          "true" | "false"
 *     targets           JSON array of module-name patterns
 *     created           ISO-8601 time the adapter was first saved
 *     base_model_name, base_model_hash, training (JSON of the training settings)
 *                       set by the caller (training / import); kept as given
 *
 * Any other metadata is the adapter's free-form metadata, kept through load and save.
 */

export const FORMAT_NAME = 'styleinject';
export const FORMAT_VERSION = 1;

/** The metadata keys that describe the adapter's config: written from it, never taken from callers. */
export const CONFIG_METADATA_KEYS = ['format', 'format_version', 'name', 'method', 'rank', 'k', 'alpha', 'dma', 'sta', 'targets'] as const;

/** Documented metadata a caller usually adds (kept as free-form metadata). */
export const KNOWN_EXTRA_METADATA_KEYS = ['created', 'base_model_name', 'base_model_hash', 'training'] as const;

export const COMPONENTS: readonly AdapterComponent[] = ['unet', 'text_encoder'];

/** The per-layer tensors, by the suffix that ends their key. */
export const LAYER_TENSORS = {
  down: '.down.weight',
  up: '.up.weight',
  router: '.router.weight',
  gamma: '.gamma.weight',
  alpha: '.alpha',
} as const;

export type LayerTensorName = keyof typeof LAYER_TENSORS;

/** `unet.<module path><suffix>` for one tensor of a layer. */
export function tensorKey(component: AdapterComponent, modulePath: string, tensor: LayerTensorName): string {
  return `${component}.${modulePath}${LAYER_TENSORS[tensor]}`;
}

/** The inverse of tensorKey, or undefined for a key outside the layout. */
export function parseTensorKey(key: string): { component: AdapterComponent; modulePath: string; tensor: LayerTensorName } | undefined {
  const component = COMPONENTS.find((c) => key.startsWith(`${c}.`));
  if (!component) return undefined;
  for (const [tensor, suffix] of Object.entries(LAYER_TENSORS) as [LayerTensorName, string][]) {
    if (key.endsWith(suffix) && key.length > component.length + 1 + suffix.length) {
      return { component, modulePath: key.slice(component.length + 1, key.length - suffix.length), tensor };
    }
  }
  return undefined;
}
