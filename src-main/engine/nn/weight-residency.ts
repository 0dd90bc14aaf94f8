import * as tf from '@tensorflow/tfjs';
import { backendTraits } from '../backend/traits';
import type { Module } from './module';
import type { WeightResidency } from './parameter';

export type { WeightResidency } from './parameter';

/** What a caller asks for: a residency, or 'auto' to decide from the backend and the model size. */
export type WeightResidencyOption = 'auto' | WeightResidency;

/**
 * Largest float32 model kept in backend memory under 'auto' on backends with a bounded heap.
 * wasm addresses 4 GiB in all (weights, activations, attention scores) and never gives memory
 * back: SD 1.5's UNet (3.44 GB) does not fit beside its activations. Smaller models stay out of
 * it too: on wasm a device-resident weight is held twice (tfjs's tensor and the packed copy
 * XNNPACK caches with it for as long as the tensor lives), a host-resident one once, in JS
 * memory, and packed only while its layer runs. SD's VAE (0.33 GB) and CLIP (0.49 GB) go to the
 * host; small models (tests, tiny checkpoints) stay in the backend.
 */
export const DEVICE_WEIGHT_BUDGET_BYTES = 0.1e9;


export interface ResidencyChoice {
  residency: WeightResidency;
  /** The model's float32 weights, in bytes. */
  weightBytes: number;
  /** Why: the option as given, or what 'auto' compared. */
  reason: string;
}

/** The model's weights as float32, in bytes (what either residency holds). */
export function float32WeightBytes(module: Module): number {
  let values = 0;
  for (const [, p] of module.namedParameters()) values += p.size;
  return values * 4;
}

/** Resolves an option for one model on the active backend. */
export function chooseResidency(
  module: Module,
  option: WeightResidencyOption = 'auto',
  budgetBytes = DEVICE_WEIGHT_BUDGET_BYTES,
  backend = tf.getBackend(),
): ResidencyChoice {
  const weightBytes = float32WeightBytes(module);
  const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;
  if (option !== 'auto') return { residency: option, weightBytes, reason: 'as asked' };
  if (!backendTraits(backend).boundedMemory) {
    return { residency: 'device', weightBytes, reason: `auto: ${backend} holds its weights itself` };
  }
  const over = weightBytes > budgetBytes;
  const relation = over ? 'exceed' : 'fit within';
  return { residency: over ? 'host' : 'device', weightBytes, reason: `auto: ${gb(weightBytes)} of float32 weights ${relation} ${gb(budgetBytes)} on ${backend}` };
}

/** Puts every parameter of the module there; resolves once weights already loaded have moved. */
export async function setResidency(module: Module, residency: WeightResidency): Promise<void> {
  const parameters = [...module.namedParameters()].map(([, p]) => p);
  for (const p of parameters) p.residency = residency;
  await Promise.all(parameters.map((p) => p.settled()));
}

/** Chooses and applies a residency for a model; call before loading its weights. */
export async function applyResidency(module: Module, option: WeightResidencyOption = 'auto', budgetBytes?: number): Promise<ResidencyChoice> {
  const choice = chooseResidency(module, option, budgetBytes);
  await setResidency(module, choice.residency);
  return choice;
}

/** One line for logs and reports, e.g. "unet: host (auto: 3.44 GB ... exceed 0.10 GB on wasm)". */
export function describeResidency(name: string, choice: ResidencyChoice): string {
  return `${name}: ${choice.residency} (${choice.reason})`;
}
