import { writeSafetensors, type TensorToWrite, type WritableDtype } from '../../io/safetensors';
import type { Adapter } from '../adapter';
import { isPlainLoraLayer } from '../layer-shapes';
import { isPlainLora, styleInjectParts } from '../settings';
import { AdapterFileError } from './errors';
import { kohyaName } from './kohya-names';
import { kohyaTrainingMetadata, type KohyaTrainingFacts } from './kohya-training-metadata';
import { scalarToWrite, tensorToWrite } from './tensor-to-write';

export interface ExportKohyaOptions {
  /** ss_output_name (what A1111 shows); default the adapter's name. */
  outputName?: string;
  /** Stored element type (default F32; F16 halves the file like most shared LoRAs). */
  dtype?: WritableDtype;
  /** The run that trained it: written as kohya's ss_* training fields (resolution, images, tags ...). */
  training?: KohyaTrainingFacts;
}

/**
 * Writes a plain LoRA as kohya sd-scripts does (networks.lora), so A1111, ComfyUI and kohya
 * load it: `lora_unet_<path with '_'>` / `lora_te_<path>` modules with `.lora_down.weight`,
 * `.lora_up.weight` and a 0-d `.alpha`, plus kohya's `ss_*` metadata. Only LoRA (no DMA, no
 * STA) has a kohya form; anything else is refused. Atomic, like every adapter write.
 */
export async function exportKohya(path: string, adapter: Adapter, options: ExportKohyaOptions = {}): Promise<void> {
  const { config } = adapter;
  if (!isPlainLora(config) || config.k !== 1) {
    throw new AdapterFileError(path, undefined, `cannot export '${adapter.name}' as a kohya LoRA: it uses ${styleInjectParts(config)}, which plain LoRA files cannot hold`);
  }
  if (adapter.layers.size === 0) throw new AdapterFileError(path, undefined, `adapter '${adapter.name}' has no layers to export`);
  const tensors = new Map<string, TensorToWrite>();
  const conv = { dim: 0, alpha: 0 };
  for (const [key, layer] of adapter.layers) {
    if (!isPlainLoraLayer(layer)) {
      throw new AdapterFileError(path, key, 'cannot export: the layer is not a plain LoRA (router, gamma or several down branches)');
    }
    const name = kohyaName(key);
    tensors.set(`${name}.lora_down.weight`, await tensorToWrite(layer.down));
    tensors.set(`${name}.lora_up.weight`, await tensorToWrite(layer.up));
    tensors.set(`${name}.alpha`, scalarToWrite(layer.alpha));
    // kohya's conv_dim / conv_alpha describe the LoCon (kernel > 1) layers.
    if (layer.down.rank === 4 && (layer.down.shape[2] as number) * (layer.down.shape[3] as number) > 1) {
      conv.dim = layer.up.shape[1] as number;
      conv.alpha = layer.alpha;
    }
  }
  await writeSafetensors(path, tensors, { metadata: { ...kohyaMetadata(adapter, options.outputName ?? adapter.name, conv), ...(options.training && kohyaTrainingMetadata(options.training)) }, dtype: options.dtype });
}

/** The `ss_*` fields kohya writes and A1111 / ComfyUI read (informative: the keys decide how it loads). */
function kohyaMetadata(adapter: Adapter, outputName: string, conv: { dim: number; alpha: number }): Record<string, string> {
  const meta: Record<string, string> = {
    ss_network_module: 'networks.lora',
    ss_network_dim: String(adapter.config.rank),
    ss_network_alpha: String(adapter.config.alpha),
    ss_base_model_version: 'sd_v1',
    ss_v2: 'False',
    ss_output_name: outputName,
    ss_training_comment: `exported from StyleInject Studio (${adapter.config.method})`,
  };
  if (conv.dim > 0) meta.ss_network_args = JSON.stringify({ conv_dim: String(conv.dim), conv_alpha: String(conv.alpha) });
  // Training stores the base model's name as base_model; imported and older files as base_model_name.
  const { base_model: trainedOn, base_model_name: baseName = trainedOn, base_model_hash: baseHash, created } = adapter.metadata;
  if (baseName) meta.ss_sd_model_name = baseName;
  if (baseHash) meta.ss_new_sd_model_hash = baseHash;
  if (created && Number.isFinite(Date.parse(created))) meta.ss_training_started_at = String(Date.parse(created) / 1000);
  return meta;
}
