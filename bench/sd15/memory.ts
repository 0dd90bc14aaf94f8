import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';

/** Bytes of the wasm backend's linear memory (it only grows), or null on other backends. */
export function wasmHeapBytes(): number | null {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return backend.wasm?.HEAPU8?.buffer.byteLength ?? null;
}

/** The process's peak resident set since start (or since the last reset), in bytes. */
export function peakRssBytes(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux: fall through to the lifetime peak
  }
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Starts a new peak-RSS window (Linux: writing 5 to clear_refs resets VmHWM to the current
 * RSS), so an inference peak can be told apart from the loading peak. False where unsupported.
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;
