import * as tf from '@tensorflow/tfjs';
import type { BackendName } from './backend-name';

export interface SkippedBackend {
  name: BackendName;
  reason: string;
}

/** What initBackend chose and why; `line` is the one line to paste into a bug report. */
export interface BackendReport {
  backend: BackendName;
  /** The tfjs backend name now active ('tensorflow', 'webgpu', 'wasm', 'cpu'). */
  tfBackend: string;
  /** What the backend says about itself, e.g. "simd, 1 thread". */
  detail: string;
  /** 'auto' when picked by the order, otherwise who forced it. */
  chosenBy: 'auto' | 'option' | 'STYLEINJECT_BACKEND';
  /** Backends tried before it, with why each was passed over (empty when forced). */
  skipped: SkippedBackend[];
  tfjsVersion: string;
  line: string;
}

export function makeReport(fields: Omit<BackendReport, 'line' | 'tfBackend' | 'tfjsVersion'>): BackendReport {
  const partial = { ...fields, tfBackend: tf.getBackend(), tfjsVersion: tf.version.tfjs };
  return { ...partial, line: formatLine(partial) };
}

function formatLine(r: Omit<BackendReport, 'line'>): string {
  const why = r.chosenBy === 'auto' ? '' : r.chosenBy === 'option' ? '; forced' : '; forced by STYLEINJECT_BACKEND';
  const parts = [`backend ${r.backend} (${r.detail}${why})`];
  if (r.skipped.length > 0) parts.push(`skipped: ${r.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
  parts.push(`tfjs ${r.tfjsVersion}, node ${process.version} ${process.platform}-${process.arch}`);
  return parts.join(' | ');
}
