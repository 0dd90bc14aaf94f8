import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Module } from '../../../src-main/engine/nn/module';
import { goldenDir, readTensor, type GoldenCase } from '../../parity/golden';

/**
 * Test-only access to the golden diffusers folder: a minimal safetensors reader (F32 only;
 * the engine's real reader lives in io/) and NCHW <-> NHWC helpers.
 */

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export function diffusersWeightsPath(model: 'unet' | 'vae'): string {
  return join(goldenDir(), 'models', 'diffusers', model, 'diffusion_pytorch_model.safetensors');
}

export function diffusersConfig(model: 'unet' | 'vae'): unknown {
  return JSON.parse(readFileSync(join(goldenDir(), 'models', 'diffusers', model, 'config.json'), 'utf8'));
}

/** The header: 8-byte little-endian length, then JSON {key: {dtype, shape, data_offsets}}. */
export function safetensorsHeader(bytes: Buffer): Map<string, HeaderEntry> {
  const length = Number(bytes.readBigUInt64LE(0));
  const json = JSON.parse(bytes.subarray(8, 8 + length).toString('utf8')) as Record<string, HeaderEntry>;
  delete json.__metadata__;
  return new Map(Object.entries(json));
}

/** Loads every parameter of `module` from the file; fails on a missing or non-F32 tensor. */
export function loadSafetensors(module: Module, path: string): void {
  const bytes = readFileSync(path);
  const header = safetensorsHeader(bytes);
  const dataStart = 8 + Number(bytes.readBigUInt64LE(0));
  for (const [name, parameter] of module.namedParameters()) {
    const e = header.get(name);
    if (!e) throw new Error(`${path}: no tensor ${name}`);
    if (e.dtype !== 'F32') throw new Error(`${name}: test loader reads F32 only, got ${e.dtype}`);
    const [begin, end] = e.data_offsets;
    const raw = bytes.subarray(dataStart + begin, dataStart + end);
    const values = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const torch = tf.tensor(values, e.shape, 'float32');
    parameter.load(torch, name);
    torch.dispose();
  }
}

/** A golden NCHW tensor as an NHWC tf tensor. */
export function goldenNhwc(c: GoldenCase, key: string): tf.Tensor4D {
  const t = readTensor(c, key);
  return tf.tidy(() => tf.tensor4d(Float32Array.from(t.data), t.shape as [number, number, number, number]).transpose([0, 2, 3, 1])); // (B, H, W, C)
}

/** Any golden tensor as is (float32). */
export function goldenTensor(c: GoldenCase, key: string): tf.Tensor {
  const t = readTensor(c, key);
  return tf.tensor(Float32Array.from(t.data), t.shape, 'float32');
}

/** An NHWC result as NCHW values, the golden files' layout. */
export function nchwValues(x: tf.Tensor4D): Float32Array {
  return tf.tidy(() => x.transpose([0, 3, 1, 2]).dataSync() as Float32Array); // (B, C, H, W)
}
