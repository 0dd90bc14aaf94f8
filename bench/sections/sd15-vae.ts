import { fileURLToPath } from 'node:url';
import { runBenchChild } from '../child-process';
import type { BenchRow, BenchSection } from '../section';
import { gb } from '../sd15/memory';
import { namedWithOnly } from '../sd15/opt-in';
import { PYTORCH_PEER } from '../sd15/peer';
import { VAE_DECODE_PREFIX, type VaeDecodeResult, type VaeDecodeSpec } from '../vae/decode-spec';

const SECTION = 'sd15-vae';
const CHILD = fileURLToPath(new URL('../vae/decode-child.ts', import.meta.url));

// Before (whole maps, weights in the wasm heap), after (bands, weights in JS memory: the engine's
// default now), the two changes apart, and before again: A B C A, so that load drifts show.
const runs: { label: string; spec: VaeDecodeSpec }[] = [
  { label: 'before: whole maps, device weights', spec: { mode: 'whole', residency: 'device' } },
  { label: 'after: bands, host weights', spec: { mode: 'bands', residency: 'host' } },
  { label: 'bands, device weights', spec: { mode: 'bands', residency: 'device' } },
  { label: 'before again', spec: { mode: 'whole', residency: 'device' } },
];

async function measure(): Promise<BenchRow[]> {
  const log = (line: string) => console.log(`[${SECTION}] ${line}`);
  const rows: BenchRow[] = [];
  const results: VaeDecodeResult[] = [];
  for (const { label, spec } of runs) {
    const { result, code, signal } = await runBenchChild<VaeDecodeResult>(CHILD, spec, VAE_DECODE_PREFIX);
    if (!result) throw new Error(`VAE decode child (${label}) ended without a report (exit ${code ?? signal})`);
    results.push(result);
    log(
      `${label} (${result.backend}): ${(result.ms / 1000).toFixed(1)} s; RSS ${gb(result.rssBeforeBytes)} -> peak ${gb(result.peakRssBytes)} ` +
        `(+${gb(result.peakRssBytes - result.rssBeforeBytes)}); wasm heap ${gb(result.heapBeforeBytes)} -> ${gb(result.heapAfterBytes)}; mean |pixel| ${result.checksum.toFixed(7)}`,
    );
    rows.push({ section: SECTION, backend: 'wasm', op: `VAE decode, ${label}`, shape: '1x64x64x4 -> 512x512x3', gflop: PYTORCH_PEER.vaeDecodeGflop, medianMs: result.ms, runs: 1, gflops: PYTORCH_PEER.vaeDecodeGflop / (result.ms / 1000) });
  }
  const [before, after, , beforeAgain] = results;
  const beforeMs = (before.ms + beforeAgain.ms) / 2;
  log(`after / before (mean of both before runs): time x${(after.ms / beforeMs).toFixed(2)}; decode's added peak RSS x${((after.peakRssBytes - after.rssBeforeBytes) / (before.peakRssBytes - before.rssBeforeBytes)).toFixed(2)}`);
  log(`vs PyTorch CPU (backends.md, idle machine, not measured here): ${(PYTORCH_PEER.vaeDecodeMs / 1000).toFixed(1)} s; after x${(after.ms / PYTORCH_PEER.vaeDecodeMs).toFixed(2)}`);
  return rows;
}

export const section: BenchSection = {
  name: SECTION,
  description: 'SD 1.5 VAE decode 64 -> 512 before/after (whole maps vs bands, device vs host weights), each in its own process: time, peak RSS, wasm heap (minutes)',
  run: async () => (namedWithOnly(SECTION) ? measure() : []),
};
