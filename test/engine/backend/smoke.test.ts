import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, probeBackends, type BackendProbe } from '../../../src-main/engine/backend';
import { relativeError } from './conv-reference';
import { blockNames, runBlock, type BlockResult } from './tiny-block';

// Every backend that starts here runs the same block forward and backward as the cpu reference.
const probes: BackendProbe[] = await probeBackends();
const TOLERANCE: Record<string, number> = { wasm: 1e-4, webgpu: 1e-3, tensorflow: 1e-4, 'tensorflow-gpu': 1e-3 };

describe('conv + group norm + attention block, forward and backward, on every backend', () => {
  let reference: BlockResult;

  beforeAll(async () => {
    await initBackend({ force: 'cpu' });
    reference = await runBlock();
  });

  for (const probe of probes.filter((p) => p.name !== 'cpu')) {
    it.skipIf(!probe.ok)(`${probe.name}${probe.ok ? '' : ` (skipped: ${probe.detail})`}`, async () => {
      const report = await initBackend({ force: probe.name });
      expect(tf.getBackend()).toBe(report.tfBackend);
      const result = await runBlock();
      const tolerance = TOLERANCE[probe.name];
      expect(relativeError(result.output, reference.output)).toBeLessThan(tolerance);
      for (const name of blockNames) {
        expect({ name, error: relativeError(result.gradients[name], reference.gradients[name]) }).toSatisfy(
          (e: { error: number }) => e.error < tolerance,
        );
      }
    });
  }

  it('the cpu reference itself is finite and non-trivial', () => {
    for (const name of blockNames) {
      const g = reference.gradients[name];
      expect(g.every(Number.isFinite)).toBe(true);
      expect(g.some((v) => v !== 0)).toBe(true);
    }
  });
});
