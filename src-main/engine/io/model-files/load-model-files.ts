import { join } from 'node:path';
import { applyResidency, type ResidencyChoice, type WeightResidencyOption } from '../../nn/weight-residency';
import type { ComponentConfigs, ComponentModels } from './component-specs';
import { componentOfConfig, readJson, resolveConfigOption, type ComponentName, type ConfigOption, type RawConfigs } from './config-option';
import { sha256OfFiles } from './hash';
import { COMPONENT_FOLDERS, detectLayout, type ModelFileLayout } from './layout';
import { loadPlannedWeights } from './load-weights';
import { prepareComponent, type ComponentSource, type PreparedComponent } from './prepare-component';
import { ReaderPool } from './reader-pool';

export interface LoadModelFilesOptions {
  /** Configs for what shapes cannot tell (head counts, norm groups); see ConfigOption. */
  config?: ConfigOption;
  /** Which components to load (default: unet, vae, text_encoder). */
  components?: readonly ComponentName[];
  /** Take the VAE from here instead: a single file (with or without `first_stage_model.`) or a diffusers folder. */
  vaePath?: string;
  /** Take the text encoder from here instead: a single file or a diffusers folder. */
  textEncoderPath?: string;
  /** Preferred diffusers weight variant, e.g. 'fp16' for `*.fp16.safetensors`. */
  variant?: string;
  /** Also compute the SHA-256 of the checkpoint's files (reads them once more). */
  hash?: boolean;
  /**
   * Where each component's weights live (see nn/weight-residency): 'auto' (default) keeps a
   * component in host memory when the backend's heap is bounded (wasm, cpu) and its float32
   * weights exceed DEVICE_WEIGHT_BUDGET_BYTES; 'device' or 'host' force one for all.
   */
  weightResidency?: WeightResidencyOption;
}

export interface LoadedModelFiles {
  unet?: ComponentModels['unet'];
  vae?: ComponentModels['vae'];
  textEncoder?: ComponentModels['text_encoder'];
  configs: Partial<ComponentConfigs>;
  source: {
    layout: ModelFileLayout;
    path: string;
    /** SHA-256 of the files read from `path`, when asked for. */
    hash?: string;
    components: Partial<Record<ComponentName, ComponentSource>>;
  };
  /** Where each loaded component's weights live, and why. */
  residency: Partial<Record<ComponentName, ResidencyChoice>>;
  /** Frees every loaded weight. */
  dispose(): void;
}

/**
 * Loads Stable Diffusion components from a single-file `.safetensors` checkpoint, a diffusers
 * pipeline folder or one component's folder. Every component is checked against its model
 * from the headers first; then tensors stream in one at a time. On any error nothing stays
 * loaded.
 */
export async function loadModelFiles(path: string, options: LoadModelFilesOptions = {}): Promise<LoadedModelFiles> {
  const layout = detectLayout(path);
  // A component's own folder (e.g. diffusers' vae/) holds that component only.
  const held = layout === 'diffusers_component' ? [componentOfConfig(readJson(join(path, 'config.json')))] : COMPONENT_FOLDERS;
  const wanted = options.components ?? held;
  const paths: Record<ComponentName, string> = {
    unet: path,
    vae: options.vaePath ?? path,
    text_encoder: options.textEncoderPath ?? path,
  };
  const prepared = await loadComponents(
    wanted.map((name) => ({ name, path: paths[name] })),
    options.config ? resolveConfigOption(options.config) : {},
    options.variant,
    options.weightResidency,
  );
  const get = <N extends ComponentName>(name: N) => prepared.find((p): p is LoadedComponent<N> => p.name === name);
  const unet = get('unet');
  const vae = get('vae');
  const textEncoder = get('text_encoder');
  const loaded: LoadedModelFiles = {
    unet: unet?.model,
    vae: vae?.model,
    textEncoder: textEncoder?.model,
    configs: Object.fromEntries(prepared.map((p) => [p.name, p.config])),
    source: { layout, path, components: Object.fromEntries(prepared.map((p) => [p.name, p.source])) },
    residency: Object.fromEntries(prepared.map((p) => [p.name, p.residency])),
    dispose: () => prepared.forEach((p) => p.model.dispose()),
  };
  if (options.hash) {
    const files = [...new Set(prepared.filter((p) => p.source.path === path).map((p) => p.source.file))];
    try {
      loaded.source.hash = await sha256OfFiles(files);
    } catch (error) {
      loaded.dispose();
      throw error;
    }
  }
  return loaded;
}

/** One component from `path` (a single file, a pipeline folder or the component's own folder). */
export async function loadComponent<N extends ComponentName>(
  name: N,
  path: string,
  options: Pick<LoadModelFilesOptions, 'config' | 'variant' | 'weightResidency'> = {},
): Promise<{ model: ComponentModels[N]; config: ComponentConfigs[N]; source: ComponentSource; residency: ResidencyChoice }> {
  const configs = options.config ? resolveConfigOption(options.config) : {};
  const [prepared] = await loadComponents([{ name, path }], configs, options.variant, options.weightResidency);
  const { model, config, source, residency } = prepared as LoadedComponent<N>;
  return { model, config, source, residency };
}

type ComponentOptions = Pick<LoadModelFilesOptions, 'config' | 'variant' | 'weightResidency'>;
export const loadUnet = (path: string, options?: ComponentOptions) => loadComponent('unet', path, options);
export const loadVae = (path: string, options?: ComponentOptions) => loadComponent('vae', path, options);
export const loadTextEncoder = (path: string, options?: ComponentOptions) => loadComponent('text_encoder', path, options);

type LoadedComponent<N extends ComponentName> = PreparedComponent<N> & { residency: ResidencyChoice };

/** Checks every requested component before reading any tensor data, then loads them all. */
async function loadComponents(
  requests: { name: ComponentName; path: string }[],
  configs: RawConfigs,
  variant: string | undefined,
  residency: WeightResidencyOption = 'auto',
): Promise<LoadedComponent<ComponentName>[]> {
  const readers = new ReaderPool();
  const prepared: PreparedComponent<ComponentName>[] = [];
  try {
    for (const { name, path } of requests) {
      prepared.push(await prepareComponent(name, path, { config: configs[name], variant }, readers));
    }
    // Residency is set before any data is read, so a host-resident weight passes through the
    // backend only for its layout conversion.
    const placed: LoadedComponent<ComponentName>[] = [];
    for (const component of prepared) placed.push({ ...component, residency: await applyResidency(component.model, residency) });
    for (const component of placed) await loadPlannedWeights(component.plan);
    return placed;
  } catch (error) {
    prepared.forEach((p) => p.model.dispose());
    throw error;
  } finally {
    await readers.closeAll();
  }
}
