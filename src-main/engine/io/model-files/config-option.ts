import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ModelFileError } from './errors';
import { COMPONENT_FOLDERS } from './layout';

export type ComponentName = (typeof COMPONENT_FOLDERS)[number];

/** Parsed config.json objects (diffusers / transformers field names) by component. */
export type RawConfigs = Partial<Record<ComponentName, Record<string, unknown>>>;

/**
 * Configs for what the weights' shapes cannot tell (head counts, norm groups ...):
 * a diffusers pipeline folder, a component folder, a JSON file, or a parsed object. Files and
 * objects may hold one component's config or several as `{unet, vae, text_encoder}`
 * (`unet_config`, ... also accepted).
 */
export type ConfigOption = string | Record<string, unknown>;

export function resolveConfigOption(option: ConfigOption): RawConfigs {
  return typeof option === 'string' ? configsFromPath(option) : configsFromObject(option, 'config');
}

function configsFromPath(path: string): RawConfigs {
  if (!existsSync(path)) throw new ModelFileError(`the config ${path} does not exist`);
  if (statSync(path).isDirectory()) return configsFromFolder(path);
  if (basename(path) === 'model_index.json') return configsFromFolder(dirname(path));
  return configsFromObject(readJson(path), path);
}

/** A pipeline folder's component configs, or a component folder's own config.json. */
export function configsFromFolder(folder: string): RawConfigs {
  const configs: RawConfigs = {};
  for (const component of COMPONENT_FOLDERS) {
    const file = join(folder, component, 'config.json');
    if (existsSync(file)) configs[component] = readJson(file);
  }
  if (Object.keys(configs).length > 0) return configs;
  const own = join(folder, 'config.json');
  if (existsSync(own)) return configsFromObject(readJson(own), own);
  throw new ModelFileError(`config ${folder}: no config.json in this folder or its unet/, vae/, text_encoder/`);
}

function configsFromObject(json: Record<string, unknown>, label: string): RawConfigs {
  const configs: RawConfigs = {};
  for (const component of COMPONENT_FOLDERS) {
    const value = json[component] ?? json[`${component}_config`];
    if (isObject(value)) configs[component] = value;
  }
  if (Object.keys(configs).length > 0) return configs;
  return { [componentOfConfig(json, label)]: json };
}

/** Which model one config.json describes: by its class name, else by a field only that model has. */
export function componentOfConfig(json: Record<string, unknown>, label = 'config'): ComponentName {
  const className = String(json._class_name ?? '');
  const architectures = Array.isArray(json.architectures) ? json.architectures.map(String) : [];
  if (className.startsWith('UNet') || 'cross_attention_dim' in json) return 'unet';
  if (className.startsWith('Autoencoder') || 'latent_channels' in json) return 'vae';
  if (json.model_type === 'clip_text_model' || architectures.some((a) => a.startsWith('CLIPText')) || 'vocab_size' in json) {
    return 'text_encoder';
  }
  throw new ModelFileError(`${label}: cannot tell whether this config is for the unet, vae or text_encoder`);
}

export function readJson(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ModelFileError(`${file}: not readable JSON (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  if (!isObject(parsed)) throw new ModelFileError(`${file}: expected a JSON object`);
  return parsed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
