// One SD 1.5 VAE decode 64 -> 512 in its own process (spawned by bench/sections/sd15-vae.ts), so
// that the wasm heap it leaves (it never shrinks) and its peak RSS are its own. Prints
// RESULT_PREFIX + JSON.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src-main/engine/backend';
import { gb, peakRssBytes, resetPeakRss, wasmHeapBytes } from '../sd15/memory';
import { sd15Vae } from '../sd15/models';
import { VAE_DECODE_PREFIX, type VaeDecodeResult, type VaeDecodeSpec } from './decode-spec';

const spec = JSON.parse(process.argv[2] ?? '') as VaeDecodeSpec;
const report = await initBackend({ force: 'wasm', ...(spec.threads && { threads: spec.threads }) });
const vae = await sd15Vae(spec.residency);
const z = tf.randomNormal([1, 64, 64, 4], 0, 1, 'float32', 31) as tf.Tensor4D;
const heapBefore = wasmHeapBytes() ?? 0;
resetPeakRss();
const rssBefore = peakRssBytes();
const started = performance.now();
const image = vae.model.decode(z, spec.mode);
const values = (await image.data()) as Float32Array;
const ms = performance.now() - started;
const result: VaeDecodeResult = {
  backend: report.detail,
  ms,
  weightBytes: vae.residency.weightBytes,
  rssBeforeBytes: rssBefore,
  peakRssBytes: peakRssBytes(),
  heapBeforeBytes: heapBefore,
  heapAfterBytes: wasmHeapBytes() ?? 0,
  checksum: values.reduce((s, v) => s + Math.abs(v), 0) / values.length,
};
console.error(`[vae ${spec.mode}, ${spec.residency}] ${(ms / 1000).toFixed(1)} s, peak RSS ${gb(result.peakRssBytes)}, wasm heap ${gb(heapBefore)} -> ${gb(result.heapAfterBytes)}`);
process.stdout.write(`${VAE_DECODE_PREFIX}${JSON.stringify(result)}\n`);
process.exit(0);
