import { basename, extname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { SafetensorsReader } from '../../io/safetensors';
import { adapterLayerKey, disposeAdapter, type Adapter, type AdapterLayerKey, type AdapterLayerState } from '../adapter';
import { AdapterFileError } from './errors';
import { parseTensorKey, tensorKey, type LayerTensorName } from './format';
import { layerGeometry } from '../layer-shapes';
import { freeMetadata, readConfigMetadata } from './read-config';

/**
 * Reads an adapter file in our format (see format.ts). Every key must belong to the layout
 * and every layer must fit the config; on any error nothing stays allocated.
 */
export async function loadAdapter(path: string): Promise<Adapter> {
  const reader = await SafetensorsReader.open(path);
  try {
    return await readAdapter(reader);
  } finally {
    await reader.close();
  }
}

/** The same from an open reader (the importer hands over files it recognised as ours). */
export async function readAdapter(reader: SafetensorsReader): Promise<Adapter> {
  const path = reader.path;
  const { name, config } = readConfigMetadata(path, reader.metadata);
  const adapter: Adapter = {
    name: name || basename(path, extname(path)),
    config,
    layers: new Map(),
    metadata: freeMetadata(reader.metadata),
  };
  try {
    for (const [key, { component, modulePath }] of groupLayers(reader)) {
      const has = (t: LayerTensorName) => reader.has(tensorKey(component, modulePath, t));
      const missing: LayerTensorName[] = (['down', 'up', 'alpha'] as const).filter((t) => !has(t));
      if (config.dma) missing.push(...(['router'] as const).filter((t) => !has(t)));
      if (config.sta) missing.push(...(['gamma'] as const).filter((t) => !has(t)));
      const extra = [...(config.dma ? [] : (['router'] as const)), ...(config.sta ? [] : (['gamma'] as const))].filter(has);
      if (extra.length > 0) throw new AdapterFileError(path, tensorKey(component, modulePath, extra[0]), `present, but the adapter's config has ${extra[0] === 'router' ? 'DMA' : 'STA'} off`);
      if (missing.length > 0) throw new AdapterFileError(path, `${component}.${modulePath}`, `layer lacks ${missing.join(', ')}`);
      adapter.layers.set(key, await readLayer(reader, component, modulePath, config));
    }
    if (adapter.layers.size === 0) throw new AdapterFileError(path, undefined, 'holds no adapter layers');
    return adapter;
  } catch (error) {
    disposeAdapter(adapter);
    throw error;
  }
}

/** The file's layers by key; any key outside the layout is an error naming it. */
function groupLayers(reader: SafetensorsReader): Map<AdapterLayerKey, { component: 'unet' | 'text_encoder'; modulePath: string }> {
  const layers = new Map<AdapterLayerKey, { component: 'unet' | 'text_encoder'; modulePath: string }>();
  for (const key of reader.keys()) {
    const parsed = parseTensorKey(key);
    if (!parsed) throw new AdapterFileError(reader.path, key, 'not a key of the adapter layout (<unet|text_encoder>.<module>.<down|up|router|gamma>.weight or .alpha)');
    layers.set(adapterLayerKey(parsed.component, parsed.modulePath), parsed);
  }
  return layers;
}

async function readLayer(
  reader: SafetensorsReader,
  component: 'unet' | 'text_encoder',
  modulePath: string,
  config: Adapter['config'],
): Promise<AdapterLayerState> {
  const key = (t: LayerTensorName) => tensorKey(component, modulePath, t);
  const shape = (t: LayerTensorName) => reader.entry(key(t)).shape;
  let kind: AdapterLayerState['kind'];
  try {
    ({ kind } = layerGeometry(
      { down: shape('down'), up: shape('up'), router: config.dma ? shape('router') : undefined, gamma: config.sta ? shape('gamma') : undefined },
      config.k,
    ));
  } catch (cause) {
    throw new AdapterFileError(reader.path, `${component}.${modulePath}`, (cause as Error).message, { cause });
  }
  const alphaShape = shape('alpha');
  if (alphaShape.reduce((a, b) => a * b, 1) !== 1) throw new AdapterFileError(reader.path, key('alpha'), `must be a scalar, got shape [${alphaShape.join(', ')}]`);
  const stored = await reader.readWeightScalar(key('alpha'));
  // The config's alpha is exact decimal text; a layer alpha is float32. Prefer the exact one when they agree.
  const alpha = Math.fround(config.alpha) === stored ? config.alpha : stored;

  const tensors: tf.Tensor[] = [];
  const read = async (t: LayerTensorName) => {
    const tensor = await reader.readWeights(key(t));
    tensors.push(tensor);
    return tensor;
  };
  try {
    return {
      kind,
      down: await read('down'),
      up: await read('up'),
      router: config.dma ? await read('router') : undefined,
      gamma: config.sta ? await read('gamma') : undefined,
      alpha,
    };
  } catch (error) {
    tensors.forEach((t) => t.dispose());
    throw error;
  }
}
