import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  inferClipConfig,
  inferUnetConfig,
  inferVaeConfig,
  loadModelFiles,
  type ComponentName,
  type LoadModelFilesOptions,
  type LoadedModelFiles,
} from '../../../src-main/engine/io/model-files';
import { SafetensorsReader } from '../../../src-main/engine/io/safetensors';
import type { Module } from '../../../src-main/engine/nn/module';
import { compare, expectMatches, readTensor, type GoldenCase, type Tolerance } from '../golden';
import type { CaseRunner, SubCase } from './types';

/**
 * The golden model files in every layout they come in, shared by the component cases (unet,
 * vae, clip_text) and checked on their own by the `models` case: each layout loads through
 * loadModelFiles, and all of them hold the same weights (fp16 files within fp16 rounding).
 */

const COMPONENTS: readonly ComponentName[] = ['unet', 'vae', 'text_encoder'];

// Rounding to fp16 moves a value by at most half an ulp: 2^-11 relative, 2^-25 below fp16's normal range.
const FP16_ROUNDING: Tolerance = { atol: 2 ** -25, rtol: 2 ** -11 };

interface ModelsManifest {
  files: Record<string, string>;
  prefixes?: Partial<Record<ComponentName, string>>;
  [key: string]: unknown;
}

/** One way the weights are stored; `half` files answer the `_w16` expected keys. */
export interface WeightLayout {
  /** For sub-case names: 'single file f32', 'single file f16', 'diffusers'. */
  label: string;
  path: string;
  half: boolean;
}

export const isHalfKey = (key: string) => key.endsWith('_w16');

/** Why an expected key has no sub-case that runs: no weights of its precision in this set. */
export const noLayoutFor = (key: string) => `no ${isHalfKey(key) ? 'fp16' : 'float32'} weights in this set`;

async function storesHalf(path: string): Promise<boolean> {
  if (statSync(path).isDirectory()) return false;
  const reader = await SafetensorsReader.open(path);
  try {
    return reader.keys().some((k) => ['F16', 'BF16'].includes(reader.entry(k).dtype));
  } finally {
    await reader.close();
  }
}

async function singleFileLayout(path: string): Promise<WeightLayout> {
  const half = await storesHalf(path);
  return { label: `single file ${half ? 'f16' : 'f32'}`, path, half };
}

/** The models manifest in `folder` (the one listing a set's weight files), if there is one. */
function modelsManifestIn(folder: string): ModelsManifest | undefined {
  const path = join(folder, 'manifest.json');
  if (!existsSync(path)) return undefined;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as ModelsManifest;
  return manifest.files ? manifest : undefined;
}

export interface ComponentCase {
  component: ComponentName;
  layouts: WeightLayout[];
  /** Load options for a layout: single files get the manifest's config (what shapes cannot tell). */
  optionsFor(layout: WeightLayout): LoadModelFilesOptions;
}

/**
 * A component case's layouts: whichever of its `weights` single file and diffusers folder
 * exist, plus every other single file the models manifest beside them lists (the fp16 copy).
 * A set may hold any of these; one that holds none of them cannot run the case.
 */
export async function componentCase(c: GoldenCase): Promise<ComponentCase> {
  const weights = c.manifest.weights as { single_file?: string; prefix?: string; diffusers?: string } | undefined;
  if (!weights) throw new Error(`golden case ${c.name}: no 'weights' entry in its manifest`);
  const singleFile = weights.single_file ? resolve(c.dir, weights.single_file) : undefined;
  const diffusers = weights.diffusers ? resolve(c.dir, weights.diffusers) : undefined;
  const modelsDir = singleFile ? dirname(singleFile) : undefined;
  const models = modelsDir ? modelsManifestIn(modelsDir) : undefined;
  const byPrefix = Object.entries(models?.prefixes ?? {}).find(([, p]) => p === weights.prefix)?.[0];
  const component = (byPrefix ?? (diffusers && basename(diffusers))) as ComponentName;
  if (!COMPONENTS.includes(component)) throw new Error(`golden case ${c.name}: cannot tell which component its weights are`);

  const listed = Object.values(models?.files ?? {}).map((f) => join(modelsDir as string, f));
  const singleFiles = [...new Set([singleFile, ...listed])].filter((f): f is string => f !== undefined && f.endsWith('.safetensors') && existsSync(f));
  const layouts: WeightLayout[] = [];
  for (const file of singleFiles) layouts.push(await singleFileLayout(file));
  if (diffusers && existsSync(diffusers)) layouts.push({ label: 'diffusers', path: diffusers, half: false });
  if (layouts.length === 0) throw new Error(`golden case ${c.name}: none of its weights are in this set (looked for ${[singleFile, diffusers].filter(Boolean).join(', ')})`);
  const config = c.manifest.config as Record<string, unknown> | undefined;
  return {
    component,
    layouts,
    optionsFor: (layout) => ({
      components: [component],
      config: layout.label.startsWith('single file') && config ? config : undefined,
    }),
  };
}

/**
 * A checkpoint loaded on first use and disposed after its last planned use, so that several
 * sub-cases share one load without keeping every layout in memory at once.
 */
export class SharedLoad {
  private loading: Promise<LoadedModelFiles> | undefined;

  constructor(
    private readonly load: () => Promise<LoadedModelFiles>,
    private users: number,
  ) {}

  async use<R>(fn: (checkpoint: LoadedModelFiles) => R | Promise<R>): Promise<R> {
    this.loading ??= this.load();
    try {
      return await fn(await this.loading);
    } finally {
      this.users -= 1;
      if (this.users === 0) this.loading.then((c) => c.dispose(), () => undefined);
    }
  }
}

/** A golden tensor as an engine input: float32, images and latents moved from NCHW to NHWC. */
export function engineInput(c: GoldenCase, key: string): tf.Tensor {
  const t = readTensor(c, key);
  const tensor = tf.tensor(Float32Array.from(t.data), t.shape, 'float32');
  if (t.shape.length !== 4) return tensor;
  const nhwc = tensor.transpose([0, 2, 3, 1]);
  tensor.dispose();
  return nhwc;
}

/**
 * Compares an engine output (NHWC for 4-D) with the golden (NCHW) tensor, then frees it.
 * Reads asynchronously, as every backend allows.
 */
export async function expectGolden(c: GoldenCase, key: string, got: tf.Tensor): Promise<void> {
  const nchw = got.rank === 4 ? got.transpose([0, 3, 1, 2]) : got;
  try {
    expectMatches(c, key, await nchw.data(), nchw.shape);
  } finally {
    if (nchw !== got) nchw.dispose();
    got.dispose();
  }
}

/** Tensor keys of a case by group (`a/sample` is in group `a/`; ungrouped keys share group ''). */
export function tensorGroups(c: GoldenCase): Map<string, { inputs: string[]; expected: string[] }> {
  const groups = new Map<string, { inputs: string[]; expected: string[] }>();
  for (const [key, e] of Object.entries(c.manifest.tensors)) {
    const group = key.slice(0, key.lastIndexOf('/') + 1);
    if (!groups.has(group)) groups.set(group, { inputs: [], expected: [] });
    const g = groups.get(group) as { inputs: string[]; expected: string[] };
    if (e.role === 'input') g.inputs.push(key);
    if (e.role === 'expected') g.expected.push(key);
  }
  return groups;
}

/**
 * Sub-cases for a component case: for every layout, every expected key that layout answers
 * (`_w16` keys for half files, the others for float32 ones), computed by `compute` from the
 * loaded component. `compute` returns the engine's tensor for one expected key.
 */
export async function componentSubCases(
  c: GoldenCase,
  compute: (checkpoint: LoadedModelFiles, key: string) => tf.Tensor | Promise<tf.Tensor>,
): Promise<SubCase[]> {
  const { layouts, optionsFor } = await componentCase(c);
  const expected = Object.entries(c.manifest.tensors).filter(([, e]) => e.role === 'expected').map(([k]) => k);
  const subcases: SubCase[] = [];
  for (const layout of layouts) {
    const keys = expected.filter((k) => isHalfKey(k) === layout.half);
    if (keys.length === 0) continue;
    const shared = new SharedLoad(() => loadModelFiles(layout.path, optionsFor(layout)), keys.length);
    for (const key of keys) {
      subcases.push({
        name: `${key} (${layout.label})`,
        run: () => shared.use(async (checkpoint) => expectGolden(c, key, await compute(checkpoint, key))),
      });
    }
  }
  for (const key of expected.filter((k) => !layouts.some((l) => l.half === isHalfKey(k)))) subcases.push({ name: key, skip: noLayoutFor(key) });
  return subcases;
}

/** Every parameter in PyTorch layout, by name. */
async function parameterValues(module: Module): Promise<Map<string, { data: Float32Array; shape: number[] }>> {
  const values = new Map<string, { data: Float32Array; shape: number[] }>();
  for (const [name, p] of module.namedParameters()) {
    const t = p.toTorch();
    values.set(name, { data: (await t.data()) as Float32Array, shape: t.shape });
    t.dispose();
  }
  return values;
}

async function expectSameWeights(label: string, got: LoadedModelFiles, want: LoadedModelFiles, tol: Tolerance): Promise<void> {
  const modules = (c: LoadedModelFiles): [string, Module | undefined][] => [
    ['unet', c.unet],
    ['vae', c.vae],
    ['text_encoder', c.textEncoder],
  ];
  const wanted = new Map(modules(want));
  for (const [component, module] of modules(got)) {
    const reference = wanted.get(component);
    if (!module || !reference) throw new Error(`${label}: ${component} missing`);
    const a = await parameterValues(module);
    const b = await parameterValues(reference);
    const names = [...a.keys()].sort();
    if (names.join() !== [...b.keys()].sort().join()) throw new Error(`${label}: ${component} parameter names differ`);
    for (const name of names) {
      const x = a.get(name) as { data: Float32Array; shape: number[] };
      const y = b.get(name) as { data: Float32Array; shape: number[] };
      const r = compare(`${label}: ${component}.${name}`, x.data, y.data, tol, x.shape, y.shape);
      if (!r.ok) throw new Error(r.message);
    }
  }
}

const INFER: Record<ComponentName, (shapes: Map<string, readonly number[]>) => Record<string, unknown>> = {
  unet: inferUnetConfig,
  vae: inferVaeConfig,
  text_encoder: inferClipConfig,
};

/**
 * The fields a single file's shapes determine (the infer* functions return only those) must
 * equal the manifest's config. What shapes cannot tell (heads, norm groups) is not checked.
 */
async function checkInferredConfig(file: string, prefix: string, component: ComponentName, config: Record<string, unknown>): Promise<void> {
  const reader = await SafetensorsReader.open(file);
  try {
    const keys = reader.keys().filter((k) => k.startsWith(prefix));
    const inferred = INFER[component](new Map(keys.map((k) => [k.slice(prefix.length), reader.entry(k).shape])));
    const wrong = Object.entries(inferred).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(config[field]));
    if (wrong.length > 0) {
      throw new Error(`${component}: inferred ${wrong.map(([f, v]) => `${f}=${JSON.stringify(v)} (config ${JSON.stringify(config[f])})`).join(', ')}`);
    }
  } finally {
    await reader.close();
  }
}

/**
 * The `models` case: every file in the manifest loads (all components), every other layout
 * gives the weights of the first float32 layout (fp16 files within fp16 rounding) and the same
 * configs, and shape inference on each single file agrees with the manifest's configs. A set
 * whose only weights are one fp16 file has nothing to compare weights with; the rest runs.
 */
export const runModels: CaseRunner = async (c) => {
  const manifest = c.manifest as unknown as ModelsManifest;
  if (!manifest.files) throw new Error(`golden case ${c.name}: no 'files' in its manifest`);
  const configs = Object.fromEntries(
    COMPONENTS.filter((n) => manifest[`${n}_config`]).map((n) => [n, manifest[`${n}_config`] as Record<string, unknown>]),
  );
  const layouts: (WeightLayout & { key: string })[] = [];
  for (const [key, file] of Object.entries(manifest.files)) {
    const path = join(c.dir, file);
    if (!existsSync(path)) throw new Error(`golden case ${c.name}: its manifest lists ${file}, which is not in ${c.dir}`);
    const layout = statSync(path).isDirectory() ? { label: 'diffusers', path, half: false } : await singleFileLayout(path);
    layouts.push({ ...layout, label: `${key}: ${layout.label}`, key });
  }
  const reference = layouts.find((l) => !l.half);
  const others = reference ? layouts.filter((l) => l !== reference) : [];
  const loads = new Map(
    layouts.map((l) => {
      const isFolder = l.label.endsWith('diffusers');
      // loads + one comparison each; the reference is also used by every other layout's comparison.
      const users = 1 + (l === reference ? others.length : others.includes(l) ? 1 : 0);
      return [l, new SharedLoad(() => loadModelFiles(l.path, isFolder ? {} : { config: configs }), users)];
    }),
  );
  const shared = (l: WeightLayout) => loads.get(l as WeightLayout & { key: string }) as SharedLoad;

  const subcases: SubCase[] = layouts.map((l) => ({
    name: `loads every component (${l.label})`,
    run: () =>
      shared(l).use((checkpoint) => {
        for (const [name, module] of [['unet', checkpoint.unet], ['vae', checkpoint.vae], ['text_encoder', checkpoint.textEncoder]] as const) {
          if (!module) throw new Error(`${l.label}: no ${name}`);
          const unloaded = [...module.namedParameters()].filter(([, p]) => !p.loaded).map(([n]) => n);
          if (unloaded.length > 0) throw new Error(`${l.label}: ${name} parameters not loaded: ${unloaded.slice(0, 5).join(', ')}`);
        }
      }),
  }));
  for (const l of others) {
    const ref = reference as WeightLayout & { key: string };
    subcases.push({
      name: `same weights and configs as ${ref.key} (${l.label})`,
      run: () =>
        shared(l).use((got) =>
          shared(ref).use(async (want) => {
            await expectSameWeights(l.label, got, want, l.half ? FP16_ROUNDING : { atol: 0, rtol: 0 });
            if (JSON.stringify(got.configs) !== JSON.stringify(want.configs)) throw new Error(`${l.label}: configs differ from ${ref.key}`);
          }),
        ),
    });
  }
  for (const l of layouts.filter((x) => !x.label.endsWith('diffusers'))) {
    for (const component of COMPONENTS) {
      const prefix = manifest.prefixes?.[component];
      const config = configs[component];
      if (prefix === undefined || !config) continue;
      subcases.push({
        name: `${component} config inferred from shapes (${l.label})`,
        run: () => checkInferredConfig(l.path, prefix, component, config),
      });
    }
  }
  return subcases;
};
