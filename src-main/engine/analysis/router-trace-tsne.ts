import { RouterTrace, type GuidancePass, type RouterTraceRow } from './router-trace';

export interface TsneVectorOptions {
  /** Layers whose routes are concatenated, in this order; default: every routed layer in first-seen order. */
  layers?: readonly string[];
  /** Which adapter's routers; needed when the trace holds several. */
  adapter?: string;
  /** Which CFG half; default 'cond' where rows carry a pass. */
  pass?: GuidancePass;
}

export interface TsnePoint {
  generationId?: string;
  imageIndex: number;
  step: number;
  timestep: number;
}

export interface TsneVectors {
  points: TsnePoint[];
  /** One vector per point: the chosen layers' K probabilities, concatenated. */
  vectors: Float32Array[];
  layers: string[];
}

/** One vector per (generation, image, step): the routes of the chosen layers concatenated (spec section 6). */
export function toTsneVectors(trace: RouterTrace | readonly RouterTraceRow[], options: TsneVectorOptions = {}): TsneVectors {
  const rows = trace instanceof RouterTrace ? trace.rows : trace;
  const adapters = [...new Set(rows.map((r) => r.adapter))];
  const adapter = options.adapter ?? adapters[0];
  if (options.adapter === undefined && adapters.length > 1) throw new Error(`the trace holds several adapters (${adapters.join(', ')}): choose one`);
  const pass = options.pass ?? 'cond';
  const chosen = rows.filter((r) => r.adapter === adapter && (r.pass === undefined || r.pass === pass));
  const layers = [...(options.layers ?? new Set(chosen.map((r) => r.layer)))];
  const known = new Set(chosen.map((r) => r.layer));
  const unknown = layers.filter((l) => !known.has(l));
  if (unknown.length > 0) throw new Error(`no routes recorded for layer(s) ${unknown.slice(0, 3).join(', ')}`);

  const groups = new Map<string, { point: TsnePoint; byLayer: Map<string, number[]> }>();
  for (const r of chosen) {
    const id = `${r.generationId ?? ''}\u0000${r.imageIndex}\u0000${r.step}`;
    let group = groups.get(id);
    if (!group) {
      group = { point: { ...(r.generationId !== undefined && { generationId: r.generationId }), imageIndex: r.imageIndex, step: r.step, timestep: r.timestep }, byLayer: new Map() };
      groups.set(id, group);
    }
    group.byLayer.set(r.layer, r.probs);
  }
  const points: TsnePoint[] = [];
  const vectors: Float32Array[] = [];
  for (const { point, byLayer } of groups.values()) {
    const parts = layers.map((layer) => {
      const probs = byLayer.get(layer);
      if (!probs) throw new Error(`image ${point.imageIndex} step ${point.step} has no route for layer ${layer}`);
      return probs;
    });
    points.push(point);
    vectors.push(Float32Array.from(parts.flat()));
  }
  return { points, vectors, layers };
}
