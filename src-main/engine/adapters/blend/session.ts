import type { AdaptableLayer } from '../../nn/adaptable';
import { RouterTrace } from '../../analysis/router-trace';
import { splitAdapterLayerKey, type Adapter, type AdapterLayerKey } from '../adapter';
import { createAdapterLayer } from '../adapter-layer';
import type { AdapterModels, RouteListener } from '../base';
import { layerStateProblems } from '../layer-shapes';
import { modelLayers } from '../model-layers';
import { BlendWrapper, type BlendSlot } from './blend-wrapper';
import { blockFactor, type BlockWeights } from './block-groups';
import { badInput } from '../../errors';

/** One adapter to attach, with its generation-time weights (spec section 5). */
export interface AdapterEntry {
  adapter: Adapter;
  /** The user weight w; 0 is exactly "off". */
  weight: number;
  /** Multiplies w on UNet layers of that block group (text-encoder layers use w as is). */
  blockWeights?: BlockWeights;
  /** Active while start <= progress < end (fractions of the schedule; end = 1 includes the last step). */
  steps?: { start: number; end: number };
}

export interface AttachOptions {
  /**
   * Record every routed layer's alpha_route per step into session.routerTrace (spec section 6);
   * the routes are read back when the trace is flushed (txt2img does so after every step).
   */
  recordRoutes?: boolean;
}

export interface AdapterSession {
  /** The recorded routes, when attached with recordRoutes. */
  readonly routerTrace: RouterTrace | null;
  readonly progress: number;
  /** Where the denoising schedule is, in [0, 1]: the pipeline calls it before each step. */
  setProgress(fraction: number): void;
  /** Takes every adapter off; the layers compute exactly their base output again. */
  detach(): void;
}

interface Placed {
  entry: AdapterEntry;
  key: AdapterLayerKey;
  wrapper: BlendWrapper;
  base: AdaptableLayer;
  slot: BlendSlot;
}

/**
 * Attaches adapters to the models' layers, several per layer in one blend wrapper (also
 * composing with adapters attached by an earlier session). Every layer of every adapter is
 * checked before anything is installed; a layer missing from the model or not fitting it is
 * an error listing the first few.
 */
export function attachAdapters(models: AdapterModels, entries: readonly AdapterEntry[], options: AttachOptions = {}): AdapterSession {
  entries.forEach(checkEntry);
  const bases = modelLayers(models);
  for (const { adapter } of entries) checkFits(adapter, bases, models);

  const trace = options.recordRoutes ? new RouterTrace() : null;
  const placed: Placed[] = [];
  for (const entry of entries) {
    const { adapter } = entry;
    for (const [key, state] of adapter.layers) {
      const base = bases.get(key) as AdaptableLayer;
      const wrapper = base.wrapper instanceof BlendWrapper ? base.wrapper : new BlendWrapper(base.wrapper);
      base.wrapper = wrapper;
      const onRoute: RouteListener | undefined = trace
        ? (alphaRoute) => trace.recordTensor(adapter.name, key, alphaRoute)
        : undefined;
      const slot: BlendSlot = { layer: createAdapterLayer(adapter.config.method, key, state, base), weight: 0, onRoute };
      wrapper.slots.push(slot);
      placed.push({ entry, key, wrapper, base, slot });
    }
  }
  return new BlendSession(placed, trace);
}

class BlendSession implements AdapterSession {
  private current = 0;
  private attached = true;

  constructor(
    private readonly placed: Placed[],
    readonly routerTrace: RouterTrace | null,
  ) {
    this.setProgress(0);
  }

  get progress(): number {
    return this.current;
  }

  setProgress(fraction: number): void {
    if (!(fraction >= 0 && fraction <= 1)) throw new Error(`adapter progress must be a fraction in [0, 1], got ${fraction}`);
    this.current = fraction;
    for (const { entry, key, slot } of this.placed) {
      const { start, end } = entry.steps ?? { start: 0, end: 1 };
      const active = fraction >= start && (fraction < end || end >= 1);
      slot.weight = active ? entry.weight * blockFactor(key, entry.blockWeights) : 0;
    }
  }

  detach(): void {
    if (!this.attached) return;
    this.attached = false;
    for (const { wrapper, base, slot } of this.placed) {
      wrapper.slots.splice(wrapper.slots.indexOf(slot), 1);
      // Give the layer back its earlier wrapper once ours is empty (unless another was put on top).
      if (wrapper.slots.length === 0 && base.wrapper === wrapper) base.wrapper = wrapper.inner;
    }
  }
}

function checkEntry(entry: AdapterEntry): void {
  const name = `adapter '${entry.adapter.name}'`;
  if (!Number.isFinite(entry.weight)) throw badInput(`${name}: weight must be a finite number, got ${entry.weight}`);
  for (const [group, w] of Object.entries(entry.blockWeights ?? {})) {
    if (!Number.isFinite(w)) throw badInput(`${name}: ${group} block weight must be a finite number, got ${w}`);
  }
  if (entry.steps) {
    const { start, end } = entry.steps;
    if (!(start >= 0 && end <= 1 && start < end)) throw badInput(`${name}: step range must satisfy 0 <= start < end <= 1, got ${start}..${end}`);
  }
}

function checkFits(adapter: Adapter, bases: Map<AdapterLayerKey, AdaptableLayer>, models: AdapterModels): void {
  const problems: string[] = [];
  for (const [key, state] of adapter.layers) {
    const { component } = splitAdapterLayerKey(key);
    const base = bases.get(key);
    if (component === 'text_encoder' && !models.textEncoder) problems.push(`${key}: no text encoder was given`);
    else if (!base) problems.push(`${key}: no Linear/Conv2d layer of that name in the model`);
    else problems.push(...layerStateProblems(state, base, adapter.config.method).map((p) => `${key}: ${p}`));
  }
  if (problems.length === 0) return;
  const shown = problems.slice(0, 5).join('; ');
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  throw badInput(`adapter '${adapter.name}' does not fit the model: ${shown}${more}`);
}
