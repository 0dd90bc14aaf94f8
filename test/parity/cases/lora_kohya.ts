import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { disposeAdapter, type Adapter, type AdapterLayerState } from '../../../src-main/engine/adapters/adapter';
import { attachAdapters } from '../../../src-main/engine/adapters/blend';
import { importAdapter, kohyaNameMap } from '../../../src-main/engine/adapters/files';
import type { AdapterModels } from '../../../src-main/engine/adapters/model-layers';
import { loraDelta, mergeLora, unmergeLora } from '../../../src-main/engine/adapters/merge';
import { loadModelFiles, type ComponentName, type LoadedModelFiles } from '../../../src-main/engine/io/model-files';
import type { Parameter } from '../../../src-main/engine/nn/parameter';
import { compare, entry, expectMatches, readTensor, type GoldenCase } from '../golden';
import { componentCase, engineInput, expectGolden, isHalfKey, noLayoutFor, SharedLoad, type ComponentCase } from './models';
import type { CaseRunner, SubCase } from './types';

/**
 * The `lora_kohya` golden case: a community LoRA file imported through the public importer
 * into the UNet and text encoder of every weight layout, then each of the manifest's `runs`
 * checked merged (mergeLora at the run's multiplier, unmergeLora after) and unmerged (the
 * adapter attached at weight = multiplier); multiplier 0 must give the plain model bit for
 * bit. `weight_checks` compare single layers' deltas and merged weights.
 */

interface LoraRun {
  expected: string;
  model: ComponentName;
  multiplier: number;
  inputs: Record<string, string>;
}

interface CaseFiles {
  lora_file?: { file?: string };
  runs?: LoraRun[];
  weight_checks?: { lora_names?: string[] };
  weights?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** Loaded models plus the case's LoRA imported into them; one per weight layout. */
interface LoraSession {
  checkpoint: LoadedModelFiles;
  models: AdapterModels;
  adapter: Adapter;
}

/** A component case for one model of this case (its `weights` / `config` entry for that model). */
function componentView(c: GoldenCase, component: ComponentName): Promise<ComponentCase> {
  const m = c.manifest as unknown as CaseFiles;
  const manifest = { ...c.manifest, weights: m.weights?.[component], config: m.config?.[component] };
  return componentCase({ ...c, manifest });
}

/** The models one run needs, from the layouts with the same label (a shared single file loads per component). */
async function loadModels(cases: Map<ComponentName, ComponentCase>, label: string): Promise<LoadedModelFiles> {
  const loads: LoadedModelFiles[] = [];
  try {
    for (const [, cc] of cases) {
      const layout = cc.layouts.find((l) => l.label === label);
      if (!layout) throw new Error(`the ${cc.component} has no '${label}' weights to pair with the other model's`);
      loads.push(await loadModelFiles(layout.path, cc.optionsFor(layout)));
    }
  } catch (error) {
    loads.forEach((l) => l.dispose());
    throw error;
  }
  const [first] = loads;
  return {
    ...first,
    unet: loads.find((l) => l.unet)?.unet,
    textEncoder: loads.find((l) => l.textEncoder)?.textEncoder,
    dispose: () => loads.forEach((l) => l.dispose()),
  };
}

/** The engine's output for an expected key: its name without group and `_m<multiplier>` picks it. */
function computeRun(c: GoldenCase, checkpoint: LoadedModelFiles, run: LoraRun): tf.Tensor {
  const name = run.expected.slice(run.expected.lastIndexOf('/') + 1).replace(/_w16$/, '').replace(/_m-?[\d.]+$/, '');
  const input = (n: string) => {
    const key = run.inputs[n];
    if (!key) throw new Error(`lora run ${run.expected}: no input '${n}'`);
    return key;
  };
  return tf.tidy(() => {
    if (run.model === 'unet' && name === 'out') {
      if (!checkpoint.unet) throw new Error('no UNet loaded');
      return checkpoint.unet.forward(engineInput(c, input('sample')) as tf.Tensor4D, engineInput(c, input('timestep')), engineInput(c, input('encoder_hidden_states')) as tf.Tensor3D);
    }
    if (run.model === 'text_encoder' && (name === 'last_hidden_state' || name === 'pooler_output')) {
      if (!checkpoint.textEncoder) throw new Error('no text encoder loaded');
      const ids = readTensor(c, input('input_ids'));
      const out = checkpoint.textEncoder.forward(tf.tensor2d(Int32Array.from(ids.data), ids.shape as [number, number], 'int32'));
      return name === 'last_hidden_state' ? out.lastHiddenState : out.pooled;
    }
    throw new Error(`lora run ${run.expected}: no engine output '${name}' for the ${run.model}`);
  });
}

async function expectBitEqual(label: string, got: tf.Tensor, want: tf.Tensor): Promise<void> {
  const a = await got.data();
  const b = await want.data();
  const differ = a.findIndex((v, i) => !Object.is(v, b[i]));
  if (a.length !== b.length || differ >= 0) throw new Error(`${label}: differs from the plain model at ${differ} (${a[differ]} vs ${b[differ]})`);
}

/**
 * One run with the LoRA applied by `apply` (returns its undo); at multiplier 0 the output must
 * also equal the plain model's bit for bit.
 */
async function appliedRun(c: GoldenCase, s: LoraSession, run: LoraRun, how: string, apply: () => () => void): Promise<void> {
  const plain = run.multiplier === 0 ? computeRun(c, s.checkpoint, run) : undefined;
  const undo = apply();
  let got: tf.Tensor;
  try {
    got = computeRun(c, s.checkpoint, run);
  } finally {
    undo();
  }
  try {
    if (plain) await expectBitEqual(`${run.expected} ${how} at 0`, got, plain);
  } finally {
    plain?.dispose();
  }
  await expectGolden(c, run.expected, got);
}

const merged = (s: LoraSession, multiplier: number) => () => {
  mergeLora(s.models, s.adapter, multiplier);
  return () => unmergeLora(s.models, s.adapter, multiplier);
};

const attached = (s: LoraSession, multiplier: number) => () => {
  if (!s.models.unet) throw new Error('attachAdapters needs the UNet, and this case loaded none');
  const session = attachAdapters({ unet: s.models.unet, textEncoder: s.models.textEncoder }, [{ adapter: s.adapter, weight: multiplier }]);
  return () => session.detach();
};

/** The delta-check layer and base weight a kohya module name resolves to, through the importer's name map. */
function namedWeight(s: LoraSession, loraName: string): { layer: AdapterLayerState; weight: Parameter } {
  const key = kohyaNameMap(s.models).get(loraName);
  const layer = key && s.adapter.layers.get(key);
  if (!key || !layer) throw new Error(`weight check ${loraName}: not a module of the imported LoRA`);
  return { layer, weight: namedWeightByKey(s, key) };
}

function weightCheckSubCases(c: GoldenCase, shared: (fn: (s: LoraSession) => Promise<void>) => Promise<void>, label: string): SubCase[] {
  const names = (c.manifest as unknown as CaseFiles).weight_checks?.lora_names ?? [];
  const tensors = c.manifest.tensors;
  return names.flatMap((loraName) => {
    const subcases: SubCase[] = [];
    const deltaKey = `delta/${loraName}`;
    const mergedKey = `merged_weight/${loraName}`;
    if (tensors[deltaKey]) {
      subcases.push({
        name: `${deltaKey} (${label})`,
        run: () =>
          shared(async (s) => {
            const { layer, weight } = namedWeight(s, loraName);
            const delta = loraDelta(layer, weight.torchShape);
            try {
              expectMatches(c, deltaKey, await delta.data(), delta.shape);
            } finally {
              delta.dispose();
            }
          }),
      });
    }
    if (tensors[mergedKey]) {
      const multiplier = Number((entry(c, mergedKey) as { multiplier?: number }).multiplier ?? 1);
      subcases.push({
        name: `${mergedKey} x${multiplier} (${label})`,
        run: () =>
          shared(async (s) => {
            const { weight } = namedWeight(s, loraName);
            mergeLora(s.models, s.adapter, multiplier);
            const merged = weight.toTorch();
            unmergeLora(s.models, s.adapter, multiplier);
            try {
              expectMatches(c, mergedKey, await merged.data(), merged.shape);
            } finally {
              merged.dispose();
            }
          }),
      });
    }
    return subcases;
  });
}

/** Merging then unmerging leaves every adapted weight within float rounding of where it was. */
async function unmergeRestores(s: LoraSession, multiplier: number): Promise<void> {
  const layers = [...s.adapter.layers.keys()].map((key) => namedWeightByKey(s, key));
  const before = layers.map((w) => w.toTorch());
  mergeLora(s.models, s.adapter, multiplier);
  unmergeLora(s.models, s.adapter, multiplier);
  try {
    for (const [i, w] of layers.entries()) {
      const after = w.toTorch();
      const r = compare(`unmerge ${[...s.adapter.layers.keys()][i]}`, await after.data(), await before[i].data(), { atol: 1e-6, rtol: 1e-6 });
      after.dispose();
      if (!r.ok) throw new Error(r.message);
    }
  } finally {
    tf.dispose(before);
  }
}

function namedWeightByKey(s: LoraSession, key: string): Parameter {
  const component = key.slice(0, key.indexOf(':'));
  const model = component === 'unet' ? s.checkpoint.unet : s.checkpoint.textEncoder;
  const path = key.slice(key.indexOf(':') + 1);
  const found = [...(model?.namedModules() ?? [])].find(([p]) => p === path)?.[1] as { weight?: Parameter } | undefined;
  if (!found?.weight) throw new Error(`no weight for ${key}`);
  return found.weight;
}

export const runLoraKohya: CaseRunner = async (c) => {
  const m = c.manifest as unknown as CaseFiles;
  if (!m.lora_file?.file) throw new Error(`golden case ${c.name}: no lora_file.file in its manifest`);
  const loraPath = join(c.dir, m.lora_file.file);
  const runs = m.runs ?? [];
  if (runs.length === 0) throw new Error(`golden case ${c.name}: no runs in its manifest`);
  const components = Object.keys(m.weights ?? {}).filter((k): k is ComponentName => k === 'unet' || k === 'text_encoder');
  const cases = new Map<ComponentName, ComponentCase>();
  for (const component of components) cases.set(component, await componentView(c, component));
  const [firstCase] = cases.values();
  if (!firstCase) throw new Error(`golden case ${c.name}: its weights name no unet or text_encoder`);

  const subcases: SubCase[] = [];
  for (const layout of firstCase.layouts) {
    const layoutRuns = runs.filter((r) => isHalfKey(r.expected) === layout.half);
    // The checks reach the shared load through `use` (defined below, once the user count is known).
    const weightChecks = layout.half ? [] : weightCheckSubCases(c, (fn) => use(fn), layout.label);
    const users = 2 * layoutRuns.length + weightChecks.length + (layoutRuns.length > 0 ? 1 : 0);
    if (users === 0) continue;
    let adapter: Adapter | undefined;
    const shared = new SharedLoad(async () => {
      const checkpoint = await loadModels(cases, layout.label);
      try {
        adapter = await importAdapter(loraPath, { unet: checkpoint.unet, textEncoder: checkpoint.textEncoder });
      } catch (error) {
        checkpoint.dispose();
        throw error;
      }
      const imported = adapter;
      return { ...checkpoint, dispose: () => (checkpoint.dispose(), disposeAdapter(imported)) };
    }, users);
    const use = (fn: (s: LoraSession) => Promise<void>): Promise<void> =>
      shared.use((checkpoint) => fn({ checkpoint, models: { unet: checkpoint.unet, textEncoder: checkpoint.textEncoder }, adapter: adapter as Adapter }));

    for (const run of layoutRuns) {
      subcases.push({ name: `${run.expected} merged x${run.multiplier} (${layout.label})`, run: () => use((s) => appliedRun(c, s, run, 'merged', merged(s, run.multiplier))) });
      subcases.push({ name: `${run.expected} unmerged x${run.multiplier} (${layout.label})`, run: () => use((s) => appliedRun(c, s, run, 'attached', attached(s, run.multiplier))) });
    }
    if (layoutRuns.length > 0) {
      const multiplier = layoutRuns.find((r) => r.multiplier !== 0)?.multiplier ?? 1;
      subcases.push({ name: `unmerge x${multiplier} restores the base weights (${layout.label})`, run: () => use((s) => unmergeRestores(s, multiplier)) });
    }
    subcases.push(...weightChecks);
  }
  const layoutsHeld = firstCase.layouts;
  if (!layoutsHeld.some((l) => !l.half)) {
    for (const loraName of m.weight_checks?.lora_names ?? []) subcases.push({ name: `weight checks of ${loraName}`, skip: noLayoutFor(loraName) });
  }
  for (const run of runs.filter((r) => !layoutsHeld.some((l) => l.half === isHalfKey(r.expected)))) {
    subcases.push({ name: `${run.expected} x${run.multiplier}`, skip: noLayoutFor(run.expected) });
  }
  return subcases;
};
