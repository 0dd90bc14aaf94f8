import type { Db } from '../db';
import { StorageInputError } from '../errors';
import { packFloat32, unpackFloat32 } from './float32-blob';

export type TracePass = 'cond' | 'uncond';

/** One routed layer's probabilities for one image at one step; the engine's RouterTraceRow has this shape. */
export interface TraceRow {
  imageIndex: number;
  pass?: TracePass;
  step: number;
  timestep: number;
  adapter: string;
  layer: string;
  probs: number[];
}

/** Where one (adapter, layer) sits in a step's packed blob. */
export interface TraceLayoutEntry {
  adapter: string;
  layer: string;
  k: number;
  offset: number;
}

/** One step of one image (and pass): every layout entry's K probabilities, NaN where a router did not run. */
export interface TraceStep {
  imageIndex: number;
  pass: TracePass | 'single';
  step: number;
  timestep: number;
  probs: Float32Array;
}

const entryKey = (adapter: string, layer: string) => `${adapter}\u0000${layer}`;
const stepKey = (r: TraceRow) => `${r.imageIndex}|${r.pass ?? 'single'}|${r.step}`;

/**
 * Router traces stored one row per (generation, image, pass, step) with a packed float32 blob
 * whose order a per-generation layout gives. Saving replaces the generation's trace.
 */
export class RouterTraceRepository {
  constructor(private readonly db: Db) {}

  save(generationId: number, rows: readonly TraceRow[]): void {
    const layout = layoutOf(rows);
    const size = layout.reduce((n, e) => n + e.k, 0);
    const steps = packSteps(rows, layout, size);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM router_trace_layouts WHERE generation_id = ?').run(generationId);
      if (steps.length === 0) return;
      this.db.prepare('INSERT INTO router_trace_layouts (generation_id, entries, floats_per_step) VALUES (?, ?, ?)').run(generationId, JSON.stringify(layout), size);
      const insert = this.db.prepare('INSERT INTO router_traces (generation_id, image_index, pass, step, timestep, probs) VALUES (?, ?, ?, ?, ?, ?)');
      for (const s of steps) insert.run(generationId, s.imageIndex, s.pass, s.step, Number.isNaN(s.timestep) ? null : s.timestep, packFloat32(s.probs));
    })();
  }

  layout(generationId: number): TraceLayoutEntry[] {
    const row = this.db.prepare('SELECT entries FROM router_trace_layouts WHERE generation_id = ?').get(generationId) as { entries: string } | undefined;
    return row ? (JSON.parse(row.entries) as TraceLayoutEntry[]) : [];
  }

  /** The packed steps, ordered by image, pass and step; `imageIndex` narrows to one image. */
  steps(generationId: number, imageIndex?: number): TraceStep[] {
    const rows = this.db
      .prepare(
        `SELECT image_index, pass, step, timestep, probs FROM router_traces
         WHERE generation_id = ? AND (? IS NULL OR image_index = ?) ORDER BY image_index, pass, step`,
      )
      .all(generationId, imageIndex ?? null, imageIndex ?? null) as { image_index: number; pass: TracePass | 'single'; step: number; timestep: number | null; probs: Buffer }[];
    return rows.map((r) => ({ imageIndex: r.image_index, pass: r.pass, step: r.step, timestep: r.timestep ?? Number.NaN, probs: unpackFloat32(r.probs) }));
  }

  /** Unpacked back into the engine's row form (float32 precision), skipping routers that did not run. */
  rows(generationId: number, imageIndex?: number): TraceRow[] {
    const layout = this.layout(generationId);
    return this.steps(generationId, imageIndex).flatMap((s) =>
      layout
        .map((e) => ({ e, probs: Array.from(s.probs.subarray(e.offset, e.offset + e.k)) }))
        .filter(({ probs }) => !probs.every(Number.isNaN))
        .map(({ e, probs }) => ({
          imageIndex: s.imageIndex,
          ...(s.pass !== 'single' && { pass: s.pass }),
          step: s.step,
          timestep: s.timestep,
          adapter: e.adapter,
          layer: e.layer,
          probs,
        })),
    );
  }

  /** Bytes of packed probabilities held for a generation (for the UI's storage figure). */
  byteSize(generationId: number): number {
    const row = this.db.prepare('SELECT COALESCE(SUM(length(probs)), 0) AS bytes FROM router_traces WHERE generation_id = ?').get(generationId) as { bytes: number };
    return row.bytes;
  }
}

/** Every (adapter, layer) in first-seen order, each with its K and offset into a step's blob. */
function layoutOf(rows: readonly TraceRow[]): TraceLayoutEntry[] {
  const entries = new Map<string, TraceLayoutEntry>();
  let offset = 0;
  rows.forEach((r, n) => {
    const key = entryKey(r.adapter, r.layer);
    const known = entries.get(key);
    if (known && known.k !== r.probs.length) {
      throw new StorageInputError(`rows.${n}.probs`, `router trace: 'rows.${n}.probs': ${r.adapter} ${r.layer} has ${r.probs.length} probabilities here but ${known.k} elsewhere`);
    }
    if (known) return;
    if (r.probs.length === 0) throw new StorageInputError(`rows.${n}.probs`, `router trace: 'rows.${n}.probs': is empty`);
    entries.set(key, { adapter: r.adapter, layer: r.layer, k: r.probs.length, offset });
    offset += r.probs.length;
  });
  return [...entries.values()];
}

function packSteps(rows: readonly TraceRow[], layout: readonly TraceLayoutEntry[], size: number): TraceStep[] {
  const offsets = new Map(layout.map((e) => [entryKey(e.adapter, e.layer), e.offset]));
  const steps = new Map<string, TraceStep>();
  rows.forEach((r, n) => {
    if (!Number.isInteger(r.imageIndex) || r.imageIndex < 0) throw new StorageInputError(`rows.${n}.imageIndex`, `router trace: 'rows.${n}.imageIndex': must be a non-negative integer`);
    if (!Number.isInteger(r.step) || r.step < 0) throw new StorageInputError(`rows.${n}.step`, `router trace: 'rows.${n}.step': must be a non-negative integer`);
    const key = stepKey(r);
    let step = steps.get(key);
    if (!step) {
      step = { imageIndex: r.imageIndex, pass: r.pass ?? 'single', step: r.step, timestep: r.timestep, probs: new Float32Array(size).fill(Number.NaN) };
      steps.set(key, step);
    }
    step.probs.set(r.probs, offsets.get(entryKey(r.adapter, r.layer))!);
  });
  return [...steps.values()];
}
