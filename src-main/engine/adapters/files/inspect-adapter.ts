import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { SafetensorsReader } from '../../io/safetensors';
import type { AdapterComponent } from '../adapter';
import { adapterSettings, type AdapterSettings } from '../settings';
import { detectStyle, type AdapterFileStyle } from './detect-style';
import { parseDiffusersKey } from './diffusers-keys';
import { parseTensorKey } from './format';
import { freeMetadata, readConfigMetadata } from './read-config';

export interface AdapterFileSummary extends AdapterSettings {
  path: string;
  style: AdapterFileStyle;
  name: string;
  /** Adapted layers per component. */
  layers: Record<AdapterComponent, number>;
  /** Trainable values: every tensor but the alpha scalars. */
  parameters: number;
  sizeBytes: number;
  metadata: Record<string, string>;
}

const KOHYA_MODULE = /^(lora_(unet|te\d?)_[^.]+)\.(lora_down\.weight|lora_up\.weight|alpha)$/;

/**
 * What an adapter file is, from its header alone (no tensor data is read): its layout, settings,
 * layer counts and size. Community files report as plain LoRA with the rank of their down
 * matrices and the alpha their metadata gives (alpha = rank when it gives none).
 */
export async function inspectAdapterFile(path: string): Promise<AdapterFileSummary> {
  const sizeBytes = (await stat(path)).size;
  const reader = await SafetensorsReader.open(path);
  try {
    const keys = reader.keys();
    const style = detectStyle(path, keys, reader.metadata);
    const parameters = keys.filter((k) => !k.endsWith('.alpha')).reduce((n, k) => n + reader.entry(k).shape.reduce((a, b) => a * b, 1), 0);
    const base = { path, style, parameters, sizeBytes };
    if (style === 'styleinject') {
      const { name, config } = readConfigMetadata(path, reader.metadata);
      const { targets: _targets, ...settings } = config;
      return { ...base, ...settings, name: name || basename(path, extname(path)), layers: countLayers(keys, (k) => layerOf(parseTensorKey(k))), metadata: freeMetadata(reader.metadata) };
    }
    const moduleOf = style === 'kohya' ? kohyaModule : diffusersModule;
    const downKey = keys.find((k) => /(lora_down|lora_A|lora\.down|_lora\.down|lora_linear_layer\.down)\.weight$/.test(k));
    const rank = downKey ? reader.entry(downKey).shape[0] : 1;
    const alpha = Number(reader.metadata.ss_network_alpha);
    return {
      ...base,
      ...adapterSettings({ method: 'lora', rank, alpha: Number.isFinite(alpha) && alpha > 0 ? alpha : rank }),
      name: reader.metadata.ss_output_name || basename(path, extname(path)),
      layers: countLayers(keys, moduleOf),
      metadata: { ...reader.metadata },
    };
  } finally {
    await reader.close();
  }
}

type ModuleOf = (key: string) => { component: AdapterComponent; module: string } | undefined;

function layerOf(parsed: ReturnType<typeof parseTensorKey>): ReturnType<ModuleOf> {
  return parsed && { component: parsed.component, module: parsed.modulePath };
}

const kohyaModule: ModuleOf = (key) => {
  const m = KOHYA_MODULE.exec(key);
  return m ? { component: m[2] === 'unet' ? 'unet' : 'text_encoder', module: m[1] } : undefined;
};

const diffusersModule: ModuleOf = (key) => {
  const parsed = parseDiffusersKey(key);
  if (!parsed) return undefined;
  const [component, module] = parsed.layer.split(':') as [AdapterComponent, string];
  return { component, module };
};

/** Distinct modules per component. */
function countLayers(keys: readonly string[], moduleOf: ModuleOf): Record<AdapterComponent, number> {
  const seen: Record<AdapterComponent, Set<string>> = { unet: new Set(), text_encoder: new Set() };
  for (const key of keys) {
    const found = moduleOf(key);
    if (found) seen[found.component].add(found.module);
  }
  return { unet: seen.unet.size, text_encoder: seen.text_encoder.size };
}
