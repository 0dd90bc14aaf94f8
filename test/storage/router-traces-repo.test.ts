import { describe, expect, it } from 'vitest';
import { createProject, type TraceRow } from '../../src-main/storage';
import { scratchFolder, scratchStore } from './scratch';

const store = scratchStore(scratchFolder('traces-repo'), 'data');
const project = await createProject(store, { name: 'Traces' });

function generation(): number {
  return store.generations.create({ projectId: project.id, prompt: 'p', settings: {}, seed: 1, images: [{ file: 'g.png', seed: 1 }] }).id;
}

/** Softmax-like rows for `layers` routed layers of one adapter, K each, per image, pass and step. */
function traceRows(images: number, steps: number, layers: number, k: number, passes: ('cond' | 'uncond')[]): TraceRow[] {
  const rows: TraceRow[] = [];
  for (let imageIndex = 0; imageIndex < images; imageIndex++)
    for (const pass of passes)
      for (let step = 0; step < steps; step++)
        for (let l = 0; l < layers; l++) {
          const raw = Array.from({ length: k }, (_, j) => 1 + ((imageIndex * 7 + step * 3 + l + j) % 5));
          const total = raw.reduce((a, b) => a + b, 0);
          rows.push({ imageIndex, pass, step, timestep: 999 - step * 50, adapter: 'ink', layer: `unet:layer.${l}`, probs: raw.map((v) => v / total) });
        }
  return rows;
}

describe('router traces', () => {
  it('round-trips rows through packed blobs at float32 precision', () => {
    const id = generation();
    const rows = traceRows(2, 3, 4, 5, ['uncond', 'cond']);
    store.routerTraces.save(id, rows);
    const back = store.routerTraces.rows(id);
    expect(back).toHaveLength(rows.length);
    const key = (r: TraceRow) => `${r.imageIndex}/${r.pass}/${r.step}/${r.layer}`;
    const byKey = new Map(back.map((r) => [key(r), r]));
    for (const r of rows) {
      const got = byKey.get(key(r))!;
      expect(got.timestep).toBe(r.timestep);
      got.probs.forEach((p, j) => expect(p).toBeCloseTo(Math.fround(r.probs[j]), 7));
    }
    expect(store.routerTraces.layout(id).map((e) => [e.layer, e.k, e.offset])).toEqual([0, 1, 2, 3].map((l) => [`unet:layer.${l}`, 5, l * 5]));
    expect(store.routerTraces.steps(id, 1)).toHaveLength(6); // image 1: 2 passes x 3 steps
  });

  it('marks a router that did not run at a step (NaN) and leaves it out of the rows', () => {
    const id = generation();
    const rows = [
      { imageIndex: 0, step: 0, timestep: 999, adapter: 'a', layer: 'l1', probs: [0.5, 0.5] },
      { imageIndex: 0, step: 0, timestep: 999, adapter: 'b', layer: 'l1', probs: [1, 0, 0] },
      { imageIndex: 0, step: 1, timestep: 949, adapter: 'a', layer: 'l1', probs: [0.25, 0.75] }, // b's step range ended
    ];
    store.routerTraces.save(id, rows);
    expect(store.routerTraces.rows(id)).toEqual(rows);
    expect(Array.from(store.routerTraces.steps(id)[1].probs.subarray(2))).toEqual([NaN, NaN, NaN]);
  });

  it('refuses a layer whose K changes, naming the row', () => {
    const id = generation();
    const rows = [
      { imageIndex: 0, step: 0, timestep: 1, adapter: 'a', layer: 'l', probs: [1, 0] },
      { imageIndex: 0, step: 1, timestep: 1, adapter: 'a', layer: 'l', probs: [1, 0, 0] },
    ];
    expect(() => store.routerTraces.save(id, rows)).toThrow(/'rows.1.probs': a l has 3 probabilities here but 2 elsewhere/);
  });

  it('a 20-step, 64-layer, K=16 trace of one image with CFG is 40 rows of 4 KiB', () => {
    const id = generation();
    store.routerTraces.save(id, traceRows(1, 20, 64, 16, ['uncond', 'cond']));
    expect(store.routerTraces.steps(id)).toHaveLength(40);
    expect(store.routerTraces.byteSize(id)).toBe(40 * 64 * 16 * 4);
  });
});
