import type { AdaptableLayer } from '../nn/adaptable';
import { escapeRegExp } from '../tokenizer/pretokenize';
import { splitAdapterLayerKey, type AdapterComponent, type AdapterLayerKey } from './adapter';
import { modelLayers, type AdapterModels } from './model-layers';
import { badInput } from '../errors';

/**
 * Which layers an adapter adapts, by module-name patterns: `[component:]glob`, where the
 * component is `unet` (the default) or `text_encoder`, and `*` in the glob matches any run of
 * characters (dots included) of the module path. A preset name stands for its patterns.
 */

const transformerBlock = 'unet:*.transformer_blocks.*';

export const TARGET_PRESETS = {
  /** The paper's targets (Sec. IV): to_q and to_v of attn1 and attn2 in every transformer block. */
  'attention-qv': [`${transformerBlock}.attn1.to_q`, `${transformerBlock}.attn1.to_v`, `${transformerBlock}.attn2.to_q`, `${transformerBlock}.attn2.to_v`],
  /** The distillation setting's convolutions: resnet conv1/conv2 and the down/up samplers. */
  'resnet-conv': ['unet:*.resnets.*.conv1', 'unet:*.resnets.*.conv2', 'unet:*.downsamplers.*.conv', 'unet:*.upsamplers.*.conv'],
  /** CLIP text encoder attention and MLP. */
  'text-encoder': [
    'text_encoder:*.self_attn.q_proj',
    'text_encoder:*.self_attn.k_proj',
    'text_encoder:*.self_attn.v_proj',
    'text_encoder:*.self_attn.out_proj',
    'text_encoder:*.mlp.fc1',
    'text_encoder:*.mlp.fc2',
  ],
  /** kohya-like: every projection of the UNet's transformers (attention, feed-forward, proj_in/out). */
  'transformer-all': [
    'unet:*.attentions.*.proj_in',
    'unet:*.attentions.*.proj_out',
    ...['attn1', 'attn2'].flatMap((a) => ['to_q', 'to_k', 'to_v', 'to_out.0'].map((p) => `${transformerBlock}.${a}.${p}`)),
    `${transformerBlock}.ff.net.0.proj`,
    `${transformerBlock}.ff.net.2`,
  ],
} as const satisfies Record<string, readonly string[]>;

export type TargetPreset = keyof typeof TARGET_PRESETS;

export const DEFAULT_TARGETS: readonly string[] = ['attention-qv'];

/** Preset names replaced by their patterns; patterns kept as they are. */
export function expandTargets(targets: readonly string[]): string[] {
  return targets.flatMap((t) => (t in TARGET_PRESETS ? [...TARGET_PRESETS[t as TargetPreset]] : [t]));
}

export interface TargetLayer {
  key: AdapterLayerKey;
  layer: AdaptableLayer;
}

/**
 * The adaptable layers the targets name, in model order (unet, then text encoder), each once.
 * A pattern that matches nothing, or names a model that was not given, is an error.
 */
export function resolveTargets(models: AdapterModels, targets: readonly string[] = DEFAULT_TARGETS): TargetLayer[] {
  const patterns = expandTargets(targets).map(parsePattern);
  const candidates = [...modelLayers(models)].map(([key, layer]) => ({ key, layer, ...splitAdapterLayerKey(key) }));
  const matches = (p: TargetPattern, c: (typeof candidates)[number]) => p.component === c.component && p.regex.test(c.modulePath);
  const unmatched = patterns.filter((p) => !candidates.some((c) => matches(p, c)));
  if (unmatched.length > 0) {
    const missing = unmatched.filter((p) => !(p.component === 'unet' ? models.unet : models.textEncoder));
    if (missing.length > 0) throw badInput(`target '${missing[0].source}' names the ${missing[0].component}, but no ${missing[0].component} was given`);
    throw badInput(`target pattern(s) matched no Linear/Conv2d layer: ${unmatched.map((p) => `'${p.source}'`).join(', ')}`);
  }
  return candidates.filter((c) => patterns.some((p) => matches(p, c))).map(({ key, layer }) => ({ key, layer }));
}

interface TargetPattern {
  source: string;
  component: AdapterComponent;
  regex: RegExp;
}

function parsePattern(source: string): TargetPattern {
  const colon = source.indexOf(':');
  const component = colon < 0 ? 'unet' : source.slice(0, colon);
  if (component !== 'unet' && component !== 'text_encoder') {
    throw badInput(`target '${source}': unknown component '${component}' (unet or text_encoder; presets: ${Object.keys(TARGET_PRESETS).join(', ')})`);
  }
  const glob = source.slice(colon + 1);
  if (glob === '') throw badInput(`target '${source}' has an empty module pattern`);
  const body = glob.split('*').map(escapeRegExp).join('.*');
  return { source, component, regex: new RegExp(`^${body}$`) };
}
