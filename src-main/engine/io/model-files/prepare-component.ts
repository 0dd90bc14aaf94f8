import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SafetensorsReader } from '../safetensors';
import { componentSpecs, type ComponentConfigs, type ComponentModels } from './component-specs';
import { componentOfConfig, readJson, type ComponentName } from './config-option';
import { ModelConfigNeededError, ModelFileError } from './errors';
import { componentWeightsFile, detectLayout, type ModelFileLayout } from './layout';
import { planWeights, type WeightPlan } from './load-weights';
import type { ReaderPool } from './reader-pool';
import type { ShapeTable } from './shape-table';

/** Where one component's weights were found. */
export interface ComponentSource {
  layout: ModelFileLayout;
  /** The path the caller gave (file or folder). */
  path: string;
  /** The safetensors file actually read. */
  file: string;
}

/** A component whose model is built and whose every key and shape checked; no data read yet. */
export interface PreparedComponent<N extends ComponentName> {
  name: N;
  model: ComponentModels[N];
  config: ComponentConfigs[N];
  plan: WeightPlan;
  source: ComponentSource;
}

export interface PrepareOptions {
  /** A config.json object for this component; wins over folder configs and inference. */
  config?: Record<string, unknown>;
  /** Preferred diffusers weight variant, e.g. 'fp16'. */
  variant?: string;
}

/**
 * Finds a component's weights under `path` (single file, pipeline folder or component folder),
 * settles its config (given > folder config.json > inferred from shapes > SD 1.5 defaults),
 * builds the model and checks every key and shape against it from the headers.
 */
export async function prepareComponent<N extends ComponentName>(
  name: N,
  path: string,
  options: PrepareOptions,
  readers: ReaderPool,
): Promise<PreparedComponent<N>> {
  const spec = componentSpecs[name];
  const layout = detectLayout(path);
  const { file, folderConfig } = locateWeights(name, path, layout, options.variant);
  const reader = await readers.open(file);
  const prefix = layout === 'single_file' ? componentPrefix(name, reader) : '';
  const shapes: ShapeTable = new Map(
    reader
      .keys()
      .filter((k) => k.startsWith(prefix))
      .map((k) => [k.slice(prefix.length), reader.entry(k).shape]),
  );
  if (shapes.size === 0) throw new ModelFileError(`${file}: holds no tensors`);
  const originalNames = layout === 'single_file' && spec.usesOriginalNames(shapes);
  let config: ComponentConfigs[N];
  try {
    config = spec.configFrom(options.config ?? folderConfig ?? (originalNames ? spec.inferConfig(shapes) : {}));
  } catch (cause) {
    const message = `${file}: ${cause instanceof Error ? cause.message : String(cause)}`;
    throw cause instanceof ModelConfigNeededError ? new ModelConfigNeededError(message) : new ModelFileError(message, { cause });
  }
  const model = spec.create(config);
  try {
    const mapKey = originalNames ? spec.originalKeys(config) : spec.diffusersKeys;
    const plan = planWeights(model, { reader, prefix, mapKey }, spec.label);
    return { name, model, config, plan, source: { layout, path, file } };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

function locateWeights(
  name: ComponentName,
  path: string,
  layout: ModelFileLayout,
  variant: string | undefined,
): { file: string; folderConfig?: Record<string, unknown> } {
  if (layout === 'single_file') return { file: path };
  const folder = layout === 'diffusers' ? join(path, name) : path;
  if (!existsSync(join(folder, 'config.json'))) {
    throw new ModelFileError(`${path}: this diffusers folder has no ${name}/ (with a config.json)`);
  }
  const folderConfig = readJson(join(folder, 'config.json'));
  const holds = componentOfConfig(folderConfig, join(folder, 'config.json'));
  if (holds !== name) throw new ModelFileError(`${folder}: holds a ${holds}, not a ${name}`);
  return { file: componentWeightsFile(folder, variant), folderConfig };
}

/**
 * The prefix of this component in a single file: SD's own, or none for a standalone component
 * file. A full checkpoint that simply lacks the component is an error, not a standalone file.
 */
function componentPrefix(name: ComponentName, reader: SafetensorsReader): string {
  const own = componentSpecs[name].singleFilePrefix;
  const keys = reader.keys();
  if (keys.some((k) => k.startsWith(own))) return own;
  const others = Object.values(componentSpecs).map((s) => s.singleFilePrefix);
  if (keys.some((k) => others.some((p) => k.startsWith(p)))) {
    throw new ModelFileError(
      `${reader.path}: this checkpoint has no ${componentSpecs[name].label} (no keys under '${own}'); load it from a separate file or leave it out`,
    );
  }
  return '';
}
